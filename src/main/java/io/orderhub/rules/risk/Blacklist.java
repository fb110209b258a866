package io.orderhub.rules.risk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Blacklisted identities (kinds BUYER, PHONE, ADDRESS), by {@link io.orderhub.rules.crm.Identities} hash. */
public interface Blacklist {

    record Entry(String kind, String hash, String note) {
    }

    /** The kinds whose given hash (kind → hash; null hashes skipped) is blacklisted. */
    Set<String> hits(Map<String, String> hashByKind);

    int add(List<Entry> entries, Instant now);

    int remove(List<Entry> entries);

    List<Map<String, Object>> list(int limit);
}
