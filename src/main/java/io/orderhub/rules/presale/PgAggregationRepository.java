package io.orderhub.rules.presale;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.OptimisticLockingAggregationRepository;
import org.apache.camel.spi.RecoverableAggregationRepository;

import io.orderhub.archive.StoreUnavailableException;

/**
 * A PostgreSQL aggregation repository for Camel's aggregator (camel-sql's JDBC one needs Spring transactions): open
 * groups in {@code <table>}, completed-but-unconfirmed groups in {@code <table>_completed}, exchanges as JSON
 * ({@link ExchangeJson}). Optimistic locking on a version column; recoverable, so a completed group whose downstream
 * processing failed is offered again, also after a restart.
 */
public class PgAggregationRepository
        implements
            OptimisticLockingAggregationRepository,
            RecoverableAggregationRepository {

    /** The exchange property carrying the row version an exchange was read at (never stored in the JSON). */
    public static final String VERSION = "OrderHubAggregationVersion";

    private final DataSource dataSource;
    private final String table;
    private final String completed;
    private long recoveryIntervalMillis = 5000;
    private boolean useRecovery = true;
    private String deadLetterUri;
    private int maximumRedeliveries;

    public PgAggregationRepository(DataSource dataSource, String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("table name must be [a-z_]+: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.completed = table + "_completed";
    }

    @Override
    public Exchange add(CamelContext context, String key, Exchange oldExchange, Exchange newExchange) {
        String json = ExchangeJson.write(newExchange, VERSION);
        if (oldExchange == null) {
            int rows = update("INSERT INTO " + table + " (correlation_key, version, exchange, updated_at)"
                    + " VALUES (?, 1, ?::jsonb, now()) ON CONFLICT (correlation_key) DO NOTHING", key, json);
            if (rows == 0) {
                throw new OptimisticLockingException();
            }
            newExchange.setProperty(VERSION, 1L);
            return null;
        }
        long version = versionOf(oldExchange);
        int rows = update("UPDATE " + table + " SET exchange = ?::jsonb, version = version + 1, updated_at = now()"
                + " WHERE correlation_key = ? AND version = ?", json, key, version);
        if (rows == 0) {
            throw new OptimisticLockingException();
        }
        newExchange.setProperty(VERSION, version + 1);
        return oldExchange;
    }

    /** Without a previous exchange to compare: last writer wins (the aggregator uses the optimistic variant). */
    @Override
    public Exchange add(CamelContext context, String key, Exchange exchange) {
        update("INSERT INTO " + table
                + " (correlation_key, version, exchange, updated_at) VALUES (?, 1, ?::jsonb, now())"
                + " ON CONFLICT (correlation_key) DO UPDATE SET exchange = excluded.exchange,"
                + " version = " + table + ".version + 1, updated_at = now()", key,
                ExchangeJson.write(exchange, VERSION));
        return null;
    }

    @Override
    public Exchange get(CamelContext context, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT version, exchange::text FROM " + table + " WHERE correlation_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Exchange exchange = ExchangeJson.read(context, rs.getString(2));
                exchange.setProperty(VERSION, rs.getLong(1));
                return exchange;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("aggregation get failed", e);
        }
    }

    /** Moves the group to the completed table in one transaction; fails if someone changed it since it was read. */
    @Override
    public void remove(CamelContext context, String key, Exchange exchange) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE correlation_key = ? AND version = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO " + completed
                            + " (exchange_id, correlation_key, exchange, completed_at) VALUES (?, ?, ?::jsonb, now())"
                            + " ON CONFLICT (exchange_id) DO UPDATE SET exchange = excluded.exchange")) {
                del.setString(1, key);
                del.setLong(2, versionOf(exchange));
                if (del.executeUpdate() == 0) {
                    c.rollback();
                    throw new OptimisticLockingException();
                }
                ins.setString(1, exchange.getExchangeId());
                ins.setString(2, key);
                ins.setString(3, ExchangeJson.write(exchange, VERSION));
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("aggregation remove failed", e);
        }
    }

    @Override
    public void confirm(CamelContext context, String exchangeId) {
        confirmWithResult(context, exchangeId);
    }

    @Override
    public boolean confirmWithResult(CamelContext context, String exchangeId) {
        return update("DELETE FROM " + completed + " WHERE exchange_id = ?", exchangeId) > 0;
    }

    @Override
    public Set<String> getKeys() {
        return column("SELECT correlation_key FROM " + table + " ORDER BY correlation_key");
    }

    @Override
    public Set<String> scan(CamelContext context) {
        return column("SELECT exchange_id FROM " + completed + " ORDER BY completed_at");
    }

    @Override
    public Exchange recover(CamelContext context, String exchangeId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT exchange::text FROM " + completed + " WHERE exchange_id = ?")) {
            ps.setString(1, exchangeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ExchangeJson.read(context, rs.getString(1)) : null;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("aggregation recover failed", e);
        }
    }

    private static long versionOf(Exchange exchange) {
        Long version = exchange.getProperty(VERSION, Long.class);
        if (version == null) {
            throw new OptimisticLockingException();
        }
        return version;
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("aggregation store failed", e);
        }
    }

    private Set<String> column(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            Set<String> out = new LinkedHashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("aggregation scan failed", e);
        }
    }

    @Override
    public void setRecoveryInterval(long interval, TimeUnit unit) {
        this.recoveryIntervalMillis = unit.toMillis(interval);
    }

    @Override
    public void setRecoveryInterval(long millis) {
        this.recoveryIntervalMillis = millis;
    }

    @Override
    public long getRecoveryInterval() {
        return recoveryIntervalMillis;
    }

    @Override
    public void setUseRecovery(boolean useRecovery) {
        this.useRecovery = useRecovery;
    }

    @Override
    public boolean isUseRecovery() {
        return useRecovery;
    }

    @Override
    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    @Override
    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    @Override
    public void setMaximumRedeliveries(int maximumRedeliveries) {
        this.maximumRedeliveries = maximumRedeliveries;
    }

    @Override
    public int getMaximumRedeliveries() {
        return maximumRedeliveries;
    }
}
