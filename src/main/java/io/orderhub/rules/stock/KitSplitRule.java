package io.orderhub.rules.stock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderhub.rules.Rule;
import io.orderhub.rules.RuleContext;

/**
 * Kit/bundle split: every order line whose SKU is a kit becomes its component lines, so stock is allocated for what
 * is actually picked. Produces the fact {@code lines} (every line to allocate, each naming its source order line) and
 * tags KIT when a kit was expanded.
 */
@ApplicationScoped
@Named("kitSplitRule")
public class KitSplitRule implements Rule<KitSplitParams> {

    public static final String ID = "kit-split";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<KitSplitParams> paramsType() {
        return KitSplitParams.class;
    }

    @Override
    public void validate(KitSplitParams p) {
        p.kits().forEach((kit, components) -> {
            if (kit == null || kit.isBlank() || components == null || components.isEmpty()) {
                throw new IllegalArgumentException("kits." + kit + ": a kit needs at least one component");
            }
            for (KitSplitParams.Component c : components) {
                if (c == null || c.sku() == null || c.sku().isBlank() || c.quantity() < 1) {
                    throw new IllegalArgumentException(
                            "kits." + kit + ": each component needs a sku and quantity >= 1");
                }
                if (p.kits().containsKey(c.sku())) {
                    throw new IllegalArgumentException("kits." + kit + ": component " + c.sku()
                            + " is itself a kit (nested kits are not supported)");
                }
            }
        });
    }

    /** Called by routes/rules.yaml for every order (the Rule SPI does not declare apply). */
    public void apply(RuleContext ctx) {
        KitSplitParams p = ctx.params(this);
        if (p == null) {
            ctx.decide(this, Map.of(), "off");
            return;
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        List<String> expanded = new ArrayList<>();
        for (JsonNode line : ctx.order().path("lines")) {
            String lineId = line.path("lineId").asText();
            String sku = line.path("sku").isTextual() ? line.path("sku").asText() : null;
            long quantity = line.path("quantity").asLong();
            List<KitSplitParams.Component> components = sku == null ? null : p.kits().get(sku);
            if (components == null) {
                lines.add(line(lineId, lineId, sku, quantity, null));
                continue;
            }
            expanded.add(sku);
            for (KitSplitParams.Component c : components) {
                lines.add(line(lineId + "/" + c.sku(), lineId, c.sku(), quantity * c.quantity(), sku));
            }
        }
        ctx.fact("lines", lines);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("orderLines", ctx.order().path("lines").size());
        inputs.put("kitsExpanded", expanded);
        inputs.put("allocationLines", lines.size());
        if (expanded.isEmpty()) {
            ctx.decide(this, inputs, "not fired: no kit SKU");
            return;
        }
        ctx.tag("KIT");
        ctx.decide(this, inputs, "fired: expanded " + expanded.size() + " kit line(s) into " + lines.size()
                + " line(s)");
    }

    private static Map<String, Object> line(String lineId, String source, String sku, long quantity, String kitSku) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lineId", lineId);
        m.put("sourceLineId", source);
        m.put("sku", sku);
        m.put("quantity", quantity);
        if (kitSku != null) {
            m.put("kitSku", kitSku);
        }
        return m;
    }
}
