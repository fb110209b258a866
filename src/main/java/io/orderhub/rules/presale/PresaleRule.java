package io.orderhub.rules.presale;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * Presale deposit + balance (预售定金+尾款): the deposit part and the balance part of one purchase become one master
 * order through Camel's aggregator (persistent, see {@code routes/rules-presale.yaml}). A deposit waits for its
 * balance (AWAITING_BALANCE), past the deadline it is flagged (PRESALE_BALANCE_MISSING, alert, review); a completed
 * group yields the {@code masterOrder} fact. Re-evaluation never aggregates a completed group again.
 */
@ApplicationScoped
@Named("presaleRule")
public class PresaleRule implements Rule<PresaleParams> {

    public static final String ID = "presale";

    private final PresaleLedger ledger;

    public PresaleRule(PresaleLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<PresaleParams> paramsType() {
        return PresaleParams.class;
    }

    @Override
    public void validate(PresaleParams params) {
        params.check();
    }

    public void apply(RuleContext ctx) {
        PresaleParams params = ctx.params(this);
        if (params == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        PresaleStage stage = PresaleStage.of(ctx.order(), ctx.hubOrderId(), params);
        Map<String, Object> inputs = inputs(ctx, stage);
        switch (stage.kind()) {
            case "FULL" -> {
                ctx.tag("PRESALE");
                ctx.decide(this, inputs, "fired: full-payment presale, ready");
            }
            case "PART" -> part(ctx, stage.part(), inputs);
            default -> ctx.decide(this, inputs, "not fired: " + stage.reason());
        }
    }

    private void part(RuleContext ctx, PresalePart part, Map<String, Object> inputs) {
        ctx.tag("PRESALE");
        Optional<PresaleMaster> master = ledger.master(part.groupId());
        if (master.isEmpty()) {
            ledger.submit(part);
            master = ledger.master(part.groupId());
        }
        if (master.isPresent()) {
            completed(ctx, master.get(), inputs);
        } else {
            open(ctx, part, inputs);
        }
    }

    private void completed(RuleContext ctx, PresaleMaster master, Map<String, Object> inputs) {
        inputs.put("depositHubOrderId", master.depositHubOrderId());
        inputs.put("balanceHubOrderId", master.balanceHubOrderId());
        String me = ctx.hubOrderId();
        if (master.singleOrder() && me.equals(master.balanceHubOrderId())) {
            ctx.decide(this, inputs, "fired: deposit and balance paid in this order, ready");
        } else if (me.equals(master.balanceHubOrderId())) {
            ctx.tag("PRESALE_MERGED");
            ctx.fact("masterOrder", master.toFact());
            ctx.decide(this, inputs, "fired: group complete, this balance order carries the master order");
        } else if (me.equals(master.depositHubOrderId())) {
            ctx.tag("PRESALE_MERGED");
            ctx.fact("masterOrder", master.toFact());
            ctx.hold(this, "MERGED_INTO_MASTER",
                    "deposit order ships with balance order " + master.balancePlatformOrderId(), false);
            ctx.decide(this, inputs, "fired: deposit held as part of the master order");
        } else {
            ctx.hold(this, "PRESALE_GROUP_CONFLICT", "presale group " + master.groupKey()
                    + " already completed with other orders", true);
            ctx.decide(this, inputs, "fired: group already complete with other orders, review");
        }
    }

    private void open(RuleContext ctx, PresalePart part, Map<String, Object> inputs) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("groupKey", part.groupKey());
        group.put("role", part.role());
        group.put("deadline", part.deadline());
        ctx.fact("presaleGroup", group);
        if (PresalePart.BALANCE.equals(part.role())) {
            ctx.hold(this, "AWAITING_DEPOSIT", "balance order waits for its deposit order " + part.groupKey(), false);
            ctx.decide(this, inputs, "fired: balance waits for its deposit");
        } else if (PresalePart.BOTH.equals(part.role())) {
            ctx.hold(this, "PRESALE_COMPLETION_PENDING", "the aggregation has not recorded the master yet", false);
            ctx.decide(this, inputs, "fired: completion pending (recovery retries it)");
        } else if (ctx.now().isAfter(Instant.parse(part.deadline()))) {
            ctx.tag("PRESALE_BALANCE_MISSING");
            ledger.flagBalanceMissing(part);
            ctx.hold(this, "BALANCE_MISSING", "no balance by the deadline " + part.deadline(), true);
            ctx.decide(this, inputs, "fired: deposit without balance past the deadline");
        } else {
            ctx.hold(this, "AWAITING_BALANCE", "deposit paid, balance due by " + part.deadline(), false);
            ctx.decide(this, inputs, "fired: deposit waits for its balance");
        }
    }

    private static Map<String, Object> inputs(RuleContext ctx, PresaleStage stage) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("status", ctx.order().path("status").asText());
        in.put("phase", ctx.order().path("presale").path("phase").asText(null));
        in.put("stage", stage.kind());
        if (stage.part() != null) {
            in.put("role", stage.part().role());
            in.put("groupKey", stage.part().groupKey());
            in.put("amountFen", stage.part().amountFen());
            in.put("deadline", stage.part().deadline());
        }
        return in;
    }
}
