package io.orderhub.rules.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderhub.rules.RuleContext;
import io.orderhub.rules.presale.GoldenOrders;
import io.quarkus.test.junit.QuarkusTest;

/** The cross-store merge over PostgreSQL: two shops, re-evaluation, many orders of one receiver at once. */
@QuarkusTest
class MergeFlowTest {

    static final Map<String, Object> ON = Map.of(MergeRule.ID, new MergeParams(null, null));

    @Inject
    MergeRule rule;
    @Inject
    DataSource dataSource;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    /** The WeChat paid golden order in another shop, to a receiver unique to this test run. */
    ObjectNode order(String shopId, String platformOrderId) {
        ObjectNode o = MergeRuleTest.wechat(shopId, platformOrderId + run, 0);
        ((ObjectNode) o.get("receiver")).put("address", "大塘 " + run);
        return o;
    }

    RuleContext apply(String hub, ObjectNode order) {
        RuleContext ctx = GoldenOrders.context(hub, order, ON, Instant.now());
        rule.apply(ctx);
        return ctx;
    }

    @Test
    void ordersOfTwoShopsToOneReceiverShipTogether() throws Exception {
        RuleContext a = apply("ma-" + run, order("shop-a", "A"));
        RuleContext b = apply("mb-" + run, order("shop-b", "B"));
        assertThat(a.tags()).doesNotContain("MERGED");
        assertThat(b.tags()).containsExactly("MERGED");
        Map<String, Object> group = b.fact("shipmentGroup");
        assertThat((List<Map<String, Object>>) group.get("members")).extracting(m -> m.get("platformOrderId"))
                .containsExactlyInAnyOrder("A" + run, "B" + run);

        RuleContext again = apply("ma-" + run, order("shop-a", "A"));
        assertThat(again.tags()).containsExactly("MERGED");
        assertThat(again.<Map<String, Object>>fact("shipmentGroup").get("groupId")).isEqualTo(group.get("groupId"));
        assertThat(members(group.get("groupId").toString())).isEqualTo(2);
    }

    @Test
    void manyOrdersOfOneReceiverAtOnceEndInOneGroup() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<RuleContext>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String n = String.valueOf(i);
                runs.add(pool.submit(() -> apply("mc-" + n + run, order("shop-" + n, "C" + n))));
            }
            Set<Object> groupIds = new HashSet<>();
            for (Future<RuleContext> f : runs) {
                groupIds.add(f.get().<Map<String, Object>>fact("shipmentGroup").get("groupId"));
            }
            assertThat(groupIds).hasSize(1);
            assertThat(members(groupIds.iterator().next().toString())).isEqualTo(8);
        } finally {
            pool.shutdown();
        }
    }

    long members(String groupId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("SELECT count(*) FROM merge_member WHERE group_id = ?::uuid")) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
