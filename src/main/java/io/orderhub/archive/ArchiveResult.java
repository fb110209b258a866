package io.orderhub.archive;

import java.util.UUID;

/** The outcome of archiving one payload: its receipt id, and whether the same payload had been archived before. */
public record ArchiveResult(UUID receiptId, boolean duplicate) {
}
