package io.orderhub.aftersales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One after-sales ticket in the people's queue. {@code text} is the buyer's own words: never logged. */
public record Ticket(UUID ticketId, UUID hubOrderId, String channel, String platformOrderId, String source,
        String text, String urgency, List<String> matchedKeywords, String ruleVersion, String state, String assignee,
        String resolutionNote, Instant createdAt, Instant claimedAt, Instant resolvedAt) {

    @Override
    public String toString() {
        return "Ticket[" + ticketId + " " + urgency + " " + state + "]";
    }
}
