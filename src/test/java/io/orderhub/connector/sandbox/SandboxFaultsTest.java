package io.orderhub.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Failures meant for one platform's calls are neither taken nor counted by calls to the others. */
class SandboxFaultsTest {

    @Test
    void scopedFailuresGoOnlyToTheirPlatform() {
        SandboxFaults faults = new SandboxFaults();
        faults.set(new SandboxFaults.Settings(0, 0, 0, 0, 2, "SERVER_ERROR", 1), "wechat_channels");
        assertThat(faults.apiFault("taobao")).isNull();
        assertThat(faults.apiFault("wechat_channels")).isEqualTo(SandboxPlatform.Fault.SERVER_ERROR);
        assertThat(faults.apiFault("jd")).isNull();
        assertThat(faults.apiFault("wechat_channels")).isEqualTo(SandboxPlatform.Fault.SERVER_ERROR);
        assertThat(faults.apiFault("wechat_channels")).isNull();

        faults.set(new SandboxFaults.Settings(0, 0, 0, 0, 0, "RATE_LIMITED", 1), "taobao");
        faults.failAfter(1, 1);
        assertThat(faults.apiFault("wechat_channels")).isNull();
        assertThat(faults.apiFault("taobao")).isNull();
        assertThat(faults.apiFault("pdd")).isNull();
        assertThat(faults.apiFault("taobao")).isEqualTo(SandboxPlatform.Fault.RATE_LIMITED);
        assertThat(faults.apiFault("taobao")).isNull();
    }

    @Test
    void unscopedFailuresGoToWhicheverCallComesNext() {
        SandboxFaults faults = new SandboxFaults();
        faults.set(new SandboxFaults.Settings(0, 0, 0, 0, 1, "SERVER_ERROR", 1));
        assertThat(faults.apiFault("taobao")).isEqualTo(SandboxPlatform.Fault.SERVER_ERROR);
        assertThat(faults.apiFault("wechat_channels")).isNull();
    }
}
