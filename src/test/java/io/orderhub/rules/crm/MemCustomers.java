package io.orderhub.rules.crm;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link CustomerStore} for rule tests (the JDBC one is exercised by CrmRulesDbTest). */
final class MemCustomers implements CustomerStore {

    private final Map<String, Customer> customers = new HashMap<>();
    private final Map<String, String> identities = new HashMap<>();
    private final Map<String, Map.Entry<String, Instant>> virtuals = new HashMap<>();

    @Override
    public Optional<Customer> byIdentity(String kind, String idHash) {
        return Optional.ofNullable(identities.get(kind + "/" + idHash)).map(customers::get);
    }

    @Override
    public Optional<Customer> byVirtualNumber(String numberHash, Instant at) {
        Map.Entry<String, Instant> v = virtuals.get(numberHash);
        return v == null || !v.getValue().isAfter(at) ? Optional.empty() : Optional.of(customers.get(v.getKey()));
    }

    @Override
    public int[] upsert(List<CustomerRow> rows, Instant now) {
        for (CustomerRow r : rows) {
            customers.put(r.customerId(), new Customer(r.customerId(), r.segment(), r.earlierOrders()));
            put(BUYER, Identities.buyer(r.channel(), r.buyerId()), r);
            put(CONTACT, Identities.phone(r.channel(), r.contact(), "ENCRYPTED"), r);
            put(PHONE, Identities.phone(null, r.phone(), "PLAIN"), r);
            String v = Identities.virtualNumber(r.virtualNumber());
            if (v != null) {
                virtuals.put(v, Map.entry(r.customerId(), r.virtualExpiresAt()));
            }
        }
        return new int[]{customers.size(), identities.size(), virtuals.size()};
    }

    private void put(String kind, String hash, CustomerRow r) {
        if (hash != null) {
            identities.put(kind + "/" + hash, r.customerId());
        }
    }
}
