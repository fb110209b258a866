package io.orderhub.rules.crm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The merchant's customer table: identities (hashed) to customers; virtual numbers only while valid. */
public interface CustomerStore {

    /** Identity kinds of {@code crm_identity}. */
    String BUYER = "BUYER";
    String CONTACT = "CONTACT";
    String PHONE = "PHONE";

    Optional<Customer> byIdentity(String kind, String idHash);

    /** The customer a virtual number belongs to, if the number is still valid at {@code at}. */
    Optional<Customer> byVirtualNumber(String numberHash, Instant at);

    /** Upserts the rows in one transaction; answers the counts {customers, identities, virtualNumbers}. */
    int[] upsert(List<CustomerRow> rows, Instant now);
}
