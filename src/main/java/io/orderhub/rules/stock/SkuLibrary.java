package io.orderhub.rules.stock;

import java.util.Collection;
import java.util.Map;

/** The B2B SKU library as the rules read it. */
public interface SkuLibrary {

    /** The specs of those SKUs that are listed. */
    Map<String, SkuSpec> find(Collection<String> skus);
}
