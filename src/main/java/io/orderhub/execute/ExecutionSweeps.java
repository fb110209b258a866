package io.orderhub.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.uuid.UuidCreator;

import io.orderhub.archive.StoreUnavailableException;
import io.orderhub.config.OrderHubConfig;

/**
 * The execution layer's periodic work: after a degradation, the deferred fields as update commands; and picking
 * waves (波次) — WMS outbound orders of one warehouse grouped by size or age into a wave with a batch number, pushed to
 * the WMS as one pick list (an outbox command of system {@code wms-wave}).
 */
@ApplicationScoped
@Named("executionSweeps")
public class ExecutionSweeps {

    private static final Logger LOG = Logger.getLogger(ExecutionSweeps.class);
    private static final DateTimeFormatter WAVE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.ofHours(8));

    private static final String UNWAVED = """
            SELECT o.command_id, o.hub_order_id, coalesce(o.warehouse, 'DEFAULT'), o.idempotency_key, o.created_at
              FROM outbox_command o
             WHERE o.system = 'wms' AND o.command_type = 'WMS_OUTBOUND' AND o.state = 'SENT'
               AND NOT EXISTS (SELECT 1 FROM wave_member m WHERE m.command_id = o.command_id)
             ORDER BY 3, o.created_at LIMIT 5000 FOR UPDATE OF o SKIP LOCKED""";
    private static final String WAVE = """
            INSERT INTO wave (wave_id, wave_no, warehouse, size, created_at) VALUES (?, ?, ?, ?, now())""";
    private static final String MEMBER = """
            INSERT INTO wave_member (command_id, wave_id, hub_order_id) VALUES (?, ?, ?)""";
    private static final String WAVE_COMMAND = """
            INSERT INTO outbox_command (command_id, idempotency_key, hub_order_id, order_version, system, command_type,
                                        warehouse, priority, payload, state, next_attempt_at, created_at, updated_at)
            VALUES (?, ?, NULL, 0, 'wms-wave', 'WMS_WAVE', ?, 0, ?::jsonb, 'PENDING', now(), now(), now())
            ON CONFLICT (idempotency_key) DO NOTHING""";

    private record Outbound(UUID commandId, UUID hubOrderId, String warehouse, String code, Instant createdAt) {
    }

    private final DataSource dataSource;
    private final CommandPlanner planner;
    private final DegradationSwitch degradation;
    private final OrderHubConfig.Execute config;

    public ExecutionSweeps(DataSource dataSource, CommandPlanner planner, DegradationSwitch degradation,
            OrderHubConfig config) {
        this.dataSource = dataSource;
        this.planner = planner;
        this.degradation = degradation;
        this.config = config.execute();
    }

    /** Sends deferred fields once the backlog is back under the resume mark; returns the update commands planned. */
    public int backfill() {
        if (degradation.degraded()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int n = planner.backfill(c, config.backfillSystems(), 500);
            c.commit();
            if (n > 0) {
                LOG.infof("degradation over: %d update command(s) carry the deferred fields", n);
            }
            return n;
        } catch (SQLException e) {
            throw new StoreUnavailableException("back-fill failed", e);
        }
    }

    /** Closes the waves that are full or old enough; returns their numbers. */
    public List<String> waves() {
        List<String> closed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, List<Outbound>> byWarehouse = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(UNWAVED); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byWarehouse.computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                            .add(new Outbound(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                    rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
                }
            }
            Instant old = Instant.now().minus(config.waveWindow());
            for (Map.Entry<String, List<Outbound>> e : byWarehouse.entrySet()) {
                List<Outbound> waiting = e.getValue();
                int seq = 0;
                while (waiting.size() >= config.waveSize()
                        || (!waiting.isEmpty() && !waiting.get(0).createdAt().isAfter(old))) {
                    List<Outbound> wave = new ArrayList<>(waiting.subList(0, Math.min(config.waveSize(),
                            waiting.size())));
                    waiting = waiting.subList(wave.size(), waiting.size());
                    closed.add(close(c, e.getKey(), wave, ++seq));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreUnavailableException("wave sweep failed", e);
        }
        if (!closed.isEmpty()) {
            LOG.infof("picking waves closed: %s", closed);
        }
        return closed;
    }

    private String close(Connection c, String warehouse, List<Outbound> members, int seq) throws SQLException {
        UUID waveId = UuidCreator.getTimeOrderedEpoch();
        String waveNo = "W" + WAVE_TIME.format(Instant.now()) + "-" + warehouse + "-" + seq;
        try (PreparedStatement w = c.prepareStatement(WAVE);
                PreparedStatement m = c.prepareStatement(MEMBER);
                PreparedStatement cmd = c.prepareStatement(WAVE_COMMAND)) {
            w.setObject(1, waveId);
            w.setString(2, waveNo);
            w.setString(3, warehouse);
            w.setInt(4, members.size());
            w.executeUpdate();
            ObjectNode payload = CommandPlanner.JSON.createObjectNode();
            payload.put("waveNo", waveNo);
            payload.put("warehouse", warehouse);
            ArrayNode orders = payload.putArray("orders");
            for (Outbound o : members) {
                m.setObject(1, o.commandId());
                m.setObject(2, waveId);
                m.setObject(3, o.hubOrderId());
                m.addBatch();
                orders.addObject().put("hubOrderId", o.hubOrderId().toString()).put("deliveryOrderCode", o.code());
            }
            m.executeBatch();
            cmd.setObject(1, UuidCreator.getTimeOrderedEpoch());
            cmd.setString(2, "wave:" + waveNo);
            cmd.setString(3, warehouse);
            cmd.setString(4, payload.toString());
            cmd.executeUpdate();
        }
        return waveNo;
    }
}
