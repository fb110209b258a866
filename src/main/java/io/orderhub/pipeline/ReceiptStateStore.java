package io.orderhub.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.GroupCommitter;
import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.ops.HubMetrics;

/**
 * Records receipt outcomes by group commit. The first outcome of a receipt wins: recording is exactly once in
 * effect even when a receipt reaches the validation layer twice (live hand-off and recovery).
 */
@ApplicationScoped
public class ReceiptStateStore {

    private static final String INSERT = """
            INSERT INTO receipt_state (receipt_id, state, hub_order_id, reason, processed_at)
            SELECT u.id, u.state, u.hub, u.reason, u.at::timestamptz
              FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, state, hub, reason, at)
            ON CONFLICT (receipt_id) DO NOTHING
            RETURNING receipt_id""";

    private final DataSource dataSource;
    private final GroupCommitter<ReceiptState, Boolean> committer;

    public ReceiptStateStore(DataSource dataSource, HubMetrics metrics) {
        this.dataSource = dataSource;
        this.committer = new GroupCommitter<>("receipt-state", 50_000, 256, 1, this::write);
        committer.observe(metrics.batches("receipt-state"));
    }

    /** Records the outcome; true when it was the first for this receipt, false when one was already recorded. */
    public boolean record(ReceiptState state) {
        try {
            return committer.submit(state).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new StoreUnavailableException("receipt state write failed", e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("receipt state write timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }

    private List<Boolean> write(List<ReceiptState> batch) throws SQLException {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] states = new String[n], hubs = new String[n], reasons = new String[n], at = new String[n];
        for (int i = 0; i < n; i++) {
            ReceiptState s = batch.get(i);
            ids[i] = s.receiptId();
            states[i] = s.state();
            hubs[i] = s.hubOrderId();
            reasons[i] = s.reason();
            at[i] = s.processedAt().toString();
        }
        Set<UUID> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", states));
            ps.setArray(3, c.createArrayOf("text", hubs));
            ps.setArray(4, c.createArrayOf("text", reasons));
            ps.setArray(5, c.createArrayOf("text", at));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
        }
        List<Boolean> results = new ArrayList<>(n);
        Set<UUID> seen = new HashSet<>();
        for (ReceiptState s : batch) {
            results.add(inserted.contains(s.receiptId()) && seen.add(s.receiptId()));
        }
        return results;
    }

    @PreDestroy
    void close() {
        committer.close();
    }
}
