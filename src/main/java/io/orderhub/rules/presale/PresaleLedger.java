package io.orderhub.rules.presale;

import java.util.Optional;

/** What the presale rule needs outside the order: the aggregation, the completed masters, the deadline flags. */
public interface PresaleLedger {

    /** The completed master of a group, if the group has completed. */
    Optional<PresaleMaster> master(String groupId);

    /** Hands a part to the aggregation; a completing part has recorded the master when this returns. */
    void submit(PresalePart part);

    /** Flags a deposit whose balance is overdue, raising one alert per group; true when flagged by this call. */
    boolean flagBalanceMissing(PresalePart deposit);
}
