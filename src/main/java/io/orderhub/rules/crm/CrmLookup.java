package io.orderhub.rules.crm;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The merchant's HTTP CRM: who is this buyer? */
public interface CrmLookup {

    /**
     * Asks the CRM at {@code url} with the query fields; empty when the CRM does not know the buyer.
     *
     * @throws CrmUnavailableException on timeout, transport failure or an unexpected answer
     */
    Optional<Customer> find(String url, Duration timeout, Map<String, Object> query);

    /** The CRM did not answer usably in time; enrichment goes on without it. */
    class CrmUnavailableException extends RuntimeException {
        public CrmUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
