package io.orderhub.execute.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.orderhub.execute.sandbox.DownstreamSandbox.Fault;
import io.orderhub.support.TestConfigs;
import io.orderhub.web.HttpReplies;

/** Faults and counters of the sandbox systems, without HTTP. */
class DownstreamSandboxTest {

    final DownstreamSandbox sandbox = new DownstreamSandbox(
            TestConfigs.config(Map.of("orderhub.connector.sandbox", "true")));

    @Test
    void downBeatsFailNextWhichBeatsTheShare() {
        sandbox.control(DownstreamSystem.ERP, new DownstreamControl(true, 0, 2, Set.of(), 0, 1));
        assertThat(sandbox.admit(DownstreamSystem.ERP)).isEqualTo(Fault.DOWN);

        sandbox.control(DownstreamSystem.ERP, new DownstreamControl(false, 0, 2, Set.of(), 0, 1));
        assertThat(List.of(sandbox.admit(DownstreamSystem.ERP), sandbox.admit(DownstreamSystem.ERP),
                sandbox.admit(DownstreamSystem.ERP))).containsExactly(Fault.FAIL, Fault.FAIL, Fault.NONE);
        assertThat(sandbox.control(DownstreamSystem.ERP).failNext()).isZero();
        assertThat(sandbox.stats(DownstreamSystem.ERP)).containsEntry("received", 4L)
                .containsEntry("failuresInjected", 3L);
        assertThat(sandbox.admit(DownstreamSystem.WMS)).as("other systems unaffected").isEqualTo(Fault.NONE);
    }

    @Test
    void aSeededShareFailsTheSameRequestsEveryRun() {
        List<Fault> first = draws(0.3, 7);
        List<Fault> second = draws(0.3, 7);

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(f -> f == Fault.FAIL).count()).isBetween(15L, 45L);
    }

    List<Fault> draws(double share, long seed) {
        sandbox.control(DownstreamSystem.SMS, new DownstreamControl(false, share, 0, Set.of(), 0, seed));
        List<Fault> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.add(sandbox.admit(DownstreamSystem.SMS));
        }
        return out;
    }

    @Test
    void failItemsNameTheRefusedItemsAndCountThem() {
        sandbox.control(DownstreamSystem.CARRIER, new DownstreamControl(false, 0, 0, Set.of("A"), 0, 1));

        assertThat(sandbox.failsItem(DownstreamSystem.CARRIER, "A")).isTrue();
        assertThat(sandbox.failsItem(DownstreamSystem.CARRIER, "B")).isFalse();
        assertThat(sandbox.failsItem(DownstreamSystem.CARRIER, "A")).as("until the control changes").isTrue();
        assertThat(sandbox.stats(DownstreamSystem.CARRIER)).containsEntry("failuresInjected", 2L);
    }

    @Test
    void controlsReadFromJsonAndRefuseNonsense() throws Exception {
        DownstreamControl c = DownstreamControl.fromJson(HttpReplies.mapper().readTree(
                "{\"down\":true,\"failShare\":0.5,\"failNext\":3,\"failItems\":[\"X\"],\"delayMillis\":250,\"seed\":9}"));

        assertThat(c).isEqualTo(new DownstreamControl(true, 0.5, 3, Set.of("X"), 250, 9));
        assertThat(DownstreamControl.fromJson(HttpReplies.mapper().readTree("{}"))).isEqualTo(DownstreamControl.NONE);
        assertThatThrownBy(() -> DownstreamControl.fromJson(HttpReplies.mapper().readTree("{\"failShare\":2}")))
                .isInstanceOf(IllegalArgumentException.class);
        sandbox.control(DownstreamSystem.WAVES, c);
        assertThat(sandbox.delayMillis("waves")).isEqualTo(250);
        assertThat(sandbox.delayMillis("nonsense")).isZero();
    }

    @Test
    void resetClearsControlsRecordsAndTraffic() {
        sandbox.control(DownstreamSystem.ERP, new DownstreamControl(true, 0, 0, Set.of(), 0, 1));
        sandbox.admit(DownstreamSystem.ERP);
        sandbox.book(DownstreamSystem.ERP).once("k", () -> sandbox.book(DownstreamSystem.ERP)
                .record("k", "t", () -> "JY1", new byte[0]));

        sandbox.reset();

        assertThat(sandbox.control(DownstreamSystem.ERP)).isEqualTo(DownstreamControl.NONE);
        assertThat(sandbox.stats(DownstreamSystem.ERP)).containsEntry("received", 0L).containsEntry("created", 0);
    }

    @Test
    void issuedNumbersHaveTheirDigitsAndNeverRepeat() {
        String a = sandbox.nextId("SF", 12);
        String b = sandbox.nextId("SF", 12);

        assertThat(a).matches("SF\\d{12}");
        assertThat(b).matches("SF\\d{12}").isNotEqualTo(a);
        assertThat(sandbox.nextId("YT", 13)).matches("YT\\d{13}");
    }
}
