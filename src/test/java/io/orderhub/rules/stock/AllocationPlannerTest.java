package io.orderhub.rules.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.orderhub.rules.stock.AllocationPlanner.Demand;
import io.orderhub.rules.stock.StockLedger.Reserved;

class AllocationPlannerTest {

    static final List<Demand> TWO_LINES = List.of(new Demand("L1", "L1", "MUG", 2), new Demand("L2", "L2", "TEA", 1));

    @Test
    void wholeOrderGoesToTheFirstRankedWarehouseThatHasAllOfIt() {
        var plan = AllocationPlanner.plan(TWO_LINES, List.of("NEAR", "FAR"),
                Map.of("NEAR", Map.of("MUG", 2L, "TEA", 0L), "FAR", Map.of("MUG", 5L, "TEA", 5L)));

        assertThat(plan.feasible()).isTrue();
        assertThat(plan.rows()).containsExactly(new Reserved("L1", "L1", "FAR", "MUG", 2),
                new Reserved("L2", "L2", "FAR", "TEA", 1));
    }

    @Test
    void linesGoToDifferentWarehousesWhenNoneHasEverything() {
        var plan = AllocationPlanner.plan(TWO_LINES, List.of("NEAR", "FAR"),
                Map.of("NEAR", Map.of("MUG", 2L), "FAR", Map.of("TEA", 1L)));

        assertThat(plan.rows()).containsExactly(new Reserved("L1", "L1", "NEAR", "MUG", 2),
                new Reserved("L2", "L2", "FAR", "TEA", 1));
        assertThat(AllocationPlanner.shipments(plan.rows(), List.of("NEAR", "FAR")))
                .extracting(s -> s.get("warehouse")).containsExactly("NEAR", "FAR");
    }

    @Test
    void aLineSplitsAcrossWarehousesOnlyWhenNoSingleOneHasIt() {
        var plan = AllocationPlanner.plan(List.of(new Demand("L1", "L1", "MUG", 5)), List.of("A", "B", "C"),
                Map.of("A", Map.of("MUG", 3L), "B", Map.of("MUG", 1L), "C", Map.of("MUG", 4L)));

        // C alone has 4 < 5: no single warehouse, so A then B then C in rank order
        assertThat(plan.rows()).containsExactly(new Reserved("L1", "L1", "A", "MUG", 3),
                new Reserved("L1", "L1", "B", "MUG", 1), new Reserved("L1", "L1", "C", "MUG", 1));
    }

    @Test
    void aWarehouseAlreadyShippingPartOfTheOrderIsPreferred() {
        var plan = AllocationPlanner.plan(TWO_LINES, List.of("A", "B"),
                Map.of("A", Map.of("TEA", 1L), "B", Map.of("MUG", 2L, "TEA", 0L)));
        var plan2 = AllocationPlanner.plan(
                List.of(new Demand("L1", "L1", "MUG", 2), new Demand("L2", "L2", "TEA", 1),
                        new Demand("L3", "L3", "CUP", 1)),
                List.of("A", "B"), Map.of("A", Map.of("TEA", 1L, "CUP", 1L), "B", Map.of("MUG", 2L, "CUP", 1L)));

        assertThat(plan.rows()).extracting(Reserved::warehouse).containsExactly("B", "A");
        // CUP is in both; B already ships MUG, A already ships TEA: the first used in rank order (A) takes it
        assertThat(plan2.rows()).extracting(Reserved::warehouse).containsExactly("B", "A", "A");
    }

    @Test
    void linesOfTheSameSkuShareTheAvailableUnits() {
        var plan = AllocationPlanner.plan(List.of(new Demand("L1", "L1", "MUG", 2), new Demand("L2", "L2", "MUG", 2)),
                List.of("A"), Map.of("A", Map.of("MUG", 3L)));

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.shortSkus()).containsExactly("MUG");
        assertThat(plan.rows()).isEmpty();
    }

    @Test
    void shortSkusAreAllNamedAndNegativeAvailabilityCountsAsNone() {
        var plan = AllocationPlanner.plan(TWO_LINES, List.of("A", "B"),
                Map.of("A", Map.of("MUG", -4L, "TEA", 0L), "B", Map.of("MUG", 1L)));

        assertThat(plan.shortSkus()).containsExactly("MUG", "TEA");
    }
}
