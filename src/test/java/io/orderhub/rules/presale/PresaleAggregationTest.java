package io.orderhub.rules.presale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.OptimisticLockingAggregationRepository.OptimisticLockingException;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.alert.AlertStore;
import io.orderhub.rules.RuleContext;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The presale aggregation for real: the rule, the aggregator route over PostgreSQL, the master table, the deadline
 * sweep and its alert; a restart of the aggregation route between the deposit and the balance.
 */
@QuarkusTest
class PresaleAggregationTest {

    static final Map<String, Object> ON = Map.of(PresaleRule.ID, new PresaleParams(null, null));

    @Inject
    PresaleRule rule;
    @Inject
    CamelContext camel;
    @Inject
    ProducerTemplate producer;
    @Inject
    DataSource dataSource;
    @Inject
    AlertStore alerts;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    RuleContext apply(String hub, ObjectNode order, Instant now) {
        RuleContext ctx = GoldenOrders.context(hub, order, ON, now);
        rule.apply(ctx);
        return ctx;
    }

    /** A deposit or balance order of a two-order presale paid now (its deadline lies ahead). */
    ObjectNode part(String id, String phase, String groupKey, Instant paidAt) {
        ObjectNode o = PresaleRuleTest.twoOrderPart(id + run, phase, groupKey + run);
        o.put("paidAt", paidAt.toString());
        return o;
    }

    static String groupId(String groupKey) {
        return "tmall:示例家电旗舰店:" + groupKey;
    }

    PgAggregationRepository freshRepository() {
        return new PgAggregationRepository(dataSource, PresaleAggregationStore.TABLE);
    }

    @Test
    void depositThenBalanceCompletesTheGroup() throws Exception {
        Instant now = Instant.now();
        RuleContext deposit = apply("hd-" + run, part("D", "DEPOSIT", "D", now), now);
        assertThat(deposit.holds()).extracting(RuleContext.Hold::code).containsExactly("AWAITING_BALANCE");
        assertThat(freshRepository().getKeys()).contains(groupId("D" + run));

        RuleContext balance = apply("hb-" + run, part("B", "BALANCE", "D", now), now);
        assertThat(balance.state()).isEqualTo(RuleContext.READY);
        assertThat(balance.<Map<String, Object>>fact("masterOrder")).containsEntry("depositHubOrderId", "hd-" + run)
                .containsEntry("balanceHubOrderId", "hb-" + run).containsEntry("balancePlatformOrderId", "B" + run);
        assertThat(freshRepository().getKeys()).doesNotContain(groupId("D" + run));
        assertThat(count("SELECT count(*) FROM presale_master WHERE group_id = ?", groupId("D" + run))).isEqualTo(1);
        // the completed group was confirmed: nothing left for recovery
        assertThat(count("SELECT count(*) FROM presale_aggregation_completed WHERE correlation_key = ?",
                groupId("D" + run))).isZero();
    }

    @Test
    void aRestartBetweenDepositAndBalanceLosesNothing() throws Exception {
        Instant now = Instant.now();
        apply("hd-" + run, part("D", "DEPOSIT", "D", now), now);

        camel.getRouteController().stopRoute("presale-aggregate");
        Exchange stored = freshRepository().get(camel, groupId("D" + run));
        assertThat(PresaleParts.part(stored.getMessage().getBody(Map.class), "DEPOSIT").hubOrderId())
                .isEqualTo("hd-" + run);
        camel.getRouteController().startRoute("presale-aggregate");

        RuleContext balance = apply("hb-" + run, part("B", "BALANCE", "D", now), now.plusSeconds(5));
        assertThat(balance.<Map<String, Object>>fact("masterOrder")).containsEntry("depositHubOrderId", "hd-" + run);
        RuleContext depositAgain = apply("hd-" + run, part("D", "DEPOSIT", "D", now), now.plusSeconds(6));
        assertThat(depositAgain.holds()).extracting(RuleContext.Hold::code).containsExactly("MERGED_INTO_MASTER");
    }

    @Test
    void aDepositWithoutBalanceByTheDeadlineIsFlaggedOnceAndALateBalanceStillCompletes() throws Exception {
        Instant paid = Instant.now().minus(Duration.ofDays(20));
        RuleContext inTime = apply("hd-" + run, part("D", "DEPOSIT", "D", paid), paid.plus(Duration.ofHours(1)));
        assertThat(inTime.holds()).extracting(RuleContext.Hold::code).containsExactly("AWAITING_BALANCE");

        producer.requestBody("direct:presale-deadline-sweep", null, Integer.class);
        producer.requestBody("direct:presale-deadline-sweep", null, Integer.class);
        assertThat(count("SELECT count(*) FROM presale_flag WHERE group_id = ?", groupId("D" + run))).isEqualTo(1);
        List<Map<String, Object>> raised = alerts.list(false, PresaleMasters.ALERT_KIND, 500).stream()
                .filter(a -> a.get("subject").toString().contains("D" + run)).toList();
        assertThat(raised).singleElement().satisfies(a -> assertThat(a.get("occurrences")).isEqualTo(1));

        RuleContext late = apply("hd-" + run, part("D", "DEPOSIT", "D", paid), Instant.now());
        assertThat(late.tags()).contains("PRESALE_BALANCE_MISSING");
        assertThat(late.holds()).extracting(RuleContext.Hold::code).containsExactly("BALANCE_MISSING");

        RuleContext balance = apply("hb-" + run, part("B", "BALANCE", "D", Instant.now()), Instant.now());
        assertThat(balance.<Map<String, Object>>fact("masterOrder")).containsEntry("depositHubOrderId", "hd-" + run);
    }

    @Test
    void oneOrderPaidInStepsCompletesOnItsOwn() {
        ObjectNode deposit = GoldenOrders.load("douyin/orderdetail-presale-deposit-gift-docsample");
        deposit.put("platformOrderId", "DY" + run);
        ((ObjectNode) deposit.get("presale")).put("groupKey", "DY" + run);
        deposit.put("paidAt", Instant.now().toString());
        assertThat(apply("hs-" + run, deposit, Instant.now()).holds()).extracting(RuleContext.Hold::code)
                .containsExactly("AWAITING_BALANCE");
        ObjectNode paid = deposit.deepCopy();
        paid.put("status", "PAID");
        ((ObjectNode) paid.get("presale")).put("phase", "BALANCE");
        RuleContext ready = apply("hs-" + run, paid, Instant.now());
        assertThat(ready.state()).isEqualTo(RuleContext.READY);
        assertThat(freshRepository().getKeys()).doesNotContain("douyin:77977:DY" + run);
    }

    @Test
    void partsOfManyGroupsArrivingAtOnceAllComplete() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < 12; i++) {
                for (String role : new String[]{"DEPOSIT", "BALANCE"}) {
                    PresalePart p = new PresalePart(role, "test:c:" + run + i, run + i, role + run + i, "test", "c",
                            role + i, 1L, "DEPOSIT".equals(role) ? now.plusSeconds(3600).toString() : null);
                    sent.add(pool.submit(() -> producer.sendBody("direct:presale-aggregate", p.toMap())));
                }
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM presale_master WHERE group_id LIKE ?", "test:c:" + run + "%"))
                .isEqualTo(12);
    }

    @Test
    void theRepositoryLocksOptimisticallyAndKeepsCompletedGroupsUntilConfirmed() {
        PgAggregationRepository repo = freshRepository();
        String key = "test:repo:" + run;
        Exchange first = new DefaultExchange(camel);
        first.getMessage().setBody(Map.of("groupId", key, "n", 1));
        repo.add(camel, key, null, first);
        assertThatThrownBy(() -> repo.add(camel, key, null, first)).isInstanceOf(OptimisticLockingException.class);

        Exchange read = repo.get(camel, key);
        Exchange stale = repo.get(camel, key);
        read.getMessage().setBody(Map.of("groupId", key, "n", 2));
        repo.add(camel, key, read, read);
        assertThatThrownBy(() -> repo.add(camel, key, stale, stale)).isInstanceOf(OptimisticLockingException.class);
        assertThatThrownBy(() -> repo.remove(camel, key, stale)).isInstanceOf(OptimisticLockingException.class);

        Exchange current = repo.get(camel, key);
        repo.remove(camel, key, current);
        assertThat(repo.getKeys()).doesNotContain(key);
        assertThat(repo.scan(camel)).contains(current.getExchangeId());
        assertThat(repo.recover(camel, current.getExchangeId()).getMessage().getBody(Map.class)).containsEntry("n", 2);
        assertThat(repo.confirmWithResult(camel, current.getExchangeId())).isTrue();
        assertThat(repo.scan(camel)).doesNotContain(current.getExchangeId());
    }

    long count(String sql, String arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
