package io.orderhub.rules.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * Which downstream commands an order that goes to execution produces (ERP push, WMS outbound and carrier waybill per
 * shipment, SMS, finance receivable), and the invoice automation: an invoice request when the paid amount is at
 * least the configured threshold (500 yuan by default). The execution layer writes them to the outbox.
 */
@ApplicationScoped
@Named("commandsRule")
public class CommandsRule implements Rule<CommandsRule.Params> {

    /**
     * One kind of command; {@code perShipment}: one per shipment of the order (WMS outbound, carrier waybill);
     * {@code requiresPlainPhone}: only when the receiver's phone is a plain number (an SMS cannot reach a masked or
     * encrypted one; the platform's own messaging covers those buyers).
     */
    public record Command(String system, String type, boolean perShipment, boolean requiresPlainPhone) {
    }

    /** The invoice automation: {@code minPaidFen} 50000 = 500 yuan. */
    public record Invoice(String system, String type, long minPaidFen) {
    }

    /**
     * @param statuses canonical statuses whose orders go to fulfilment (default PAID); other orders (unpaid, cancelled,
     *        already shipped elsewhere) produce no commands
     */
    public record Params(List<String> statuses, List<Command> commands, Invoice invoice) {

        public Params {
            statuses = statuses == null ? List.of("PAID") : List.copyOf(statuses);
        }
    }

    /** The fact the execution layer reads: a list of {system, type, shipmentIndex}. */
    public static final String FACT = "commands";

    @Override
    public String id() {
        return "commands";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public void validate(Params p) {
        if (p.commands() == null) {
            throw new IllegalArgumentException("commands must be a list (may be empty)");
        }
        for (Command c : p.commands()) {
            if (c.system() == null || c.type() == null || !c.type().matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("every command needs a system and an UPPER_SNAKE type: " + c);
            }
        }
        if (p.invoice() != null && (p.invoice().minPaidFen() < 0 || p.invoice().system() == null)) {
            throw new IllegalArgumentException("invoice needs a system and a non-negative minPaidFen");
        }
    }

    public void apply(RuleContext ctx) {
        Params p = ctx.params(this);
        if (p == null) {
            ctx.fact(FACT, List.of());
            ctx.decide(this, Map.of(), "off: no commands");
            return;
        }
        String status = ctx.order().path("status").asText("");
        if (!p.statuses().contains(status)) {
            ctx.fact(FACT, List.of());
            ctx.decide(this, Map.of("status", status), "not fired: status " + status + " is not for fulfilment");
            return;
        }
        List<?> shipments = ctx.fact("shipments");
        // without allocated shipments (stock not tracked in the hub) a per-shipment command covers the whole order
        boolean whole = shipments == null || shipments.isEmpty();
        int count = whole ? 1 : shipments.size();
        List<Map<String, Object>> planned = new ArrayList<>();
        String phoneKind = ctx.order().path("receiver").path("phoneKind").asText("");
        List<String> skipped = new ArrayList<>();
        for (Command c : p.commands()) {
            if (c.requiresPlainPhone() && !"PLAIN".equals(phoneKind)) {
                skipped.add(c.type());
                continue;
            }
            for (int i = 0; i < (c.perShipment() ? count : 1); i++) {
                planned.add(command(c.system(), c.type(), c.perShipment() && !whole ? i : null));
            }
        }
        long paid = ctx.order().path("amounts").path("paidFen").asLong(0);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("shipments", count);
        inputs.put("paidFen", paid);
        String invoice = "no invoice";
        if (p.invoice() != null) {
            inputs.put("invoiceMinPaidFen", p.invoice().minPaidFen());
            if (paid >= p.invoice().minPaidFen()) {
                planned.add(command(p.invoice().system(), p.invoice().type(), null));
                ctx.tag("INVOICE");
                invoice = "invoice requested";
            } else {
                invoice = "no invoice: paid below threshold";
            }
        }
        ctx.fact(FACT, planned);
        inputs.put("phoneKind", phoneKind);
        ctx.decide(this, inputs, planned.size() + " command(s)"
                + (skipped.isEmpty() ? "" : "; skipped " + skipped + " (phone not plain)") + "; " + invoice);
    }

    private static Map<String, Object> command(String system, String type, Integer shipment) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", system);
        m.put("type", type);
        m.put("shipmentIndex", shipment);
        return m;
    }
}
