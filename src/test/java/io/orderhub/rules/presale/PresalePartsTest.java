package io.orderhub.rules.presale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The aggregation strategy's group arithmetic. */
class PresalePartsTest {

    static PresalePart part(String role, String hub) {
        return new PresalePart(role, "tmall:s:G", "G", hub, "tmall", "s", "P-" + hub, 100L,
                PresalePart.BALANCE.equals(role) ? null : "2024-01-01T00:00:00Z");
    }

    @Test
    void aPartSentAgainReplacesItself() {
        Map<String, Object> g = PresaleParts.merge(null, part("DEPOSIT", "a"));
        g = PresaleParts.merge(g, part("DEPOSIT", "a"));
        assertThat(((Map<?, ?>) g.get("parts")).keySet()).isEqualTo(java.util.Set.of("DEPOSIT"));
        assertThat(PresaleParts.isComplete(g)).isFalse();
    }

    @Test
    void depositAndBalanceComplete() {
        Map<String, Object> g = PresaleParts.merge(PresaleParts.merge(null, part("BALANCE", "b")),
                part("DEPOSIT", "a"));
        assertThat(PresaleParts.isComplete(g)).isTrue();
        PresaleMaster m = PresaleParts.master(g);
        assertThat(m.depositHubOrderId()).isEqualTo("a");
        assertThat(m.balanceHubOrderId()).isEqualTo("b");
        assertThat(m.singleOrder()).isFalse();
    }

    @Test
    void bothKeepsAnEarlierDepositAndCompletes() {
        Map<String, Object> g = PresaleParts.merge(PresaleParts.merge(null, part("DEPOSIT", "a")), part("BOTH", "a"));
        assertThat(PresaleParts.isComplete(g)).isTrue();
        assertThat(PresaleParts.part(g, "DEPOSIT").role()).isEqualTo("DEPOSIT");
        assertThat(PresaleParts.master(g).singleOrder()).isTrue();
        assertThat(PresaleParts.isComplete(PresaleParts.merge(null, part("BOTH", "c")))).isTrue();
    }
}
