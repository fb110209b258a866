package io.orderhub.rules.crm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.archive.StoreUnavailableException;

/** {@link CustomerStore} on {@code crm_customer}, {@code crm_identity} and {@code crm_virtual_number}. */
@ApplicationScoped
public class JdbcCustomerStore implements CustomerStore {

    private static final String BY_IDENTITY = """
            SELECT c.customer_id, c.segment, c.earlier_orders FROM crm_identity i
              JOIN crm_customer c ON c.customer_id = i.customer_id WHERE i.kind = ? AND i.id_hash = ?""";
    private static final String BY_VIRTUAL = """
            SELECT c.customer_id, c.segment, c.earlier_orders FROM crm_virtual_number v
              JOIN crm_customer c ON c.customer_id = v.customer_id WHERE v.number_hash = ? AND v.expires_at > ?""";
    private static final String UPSERT_CUSTOMER = """
            INSERT INTO crm_customer (customer_id, segment, earlier_orders, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (customer_id) DO UPDATE SET segment = excluded.segment,
                earlier_orders = excluded.earlier_orders, updated_at = excluded.updated_at""";
    private static final String UPSERT_IDENTITY = """
            INSERT INTO crm_identity (kind, id_hash, customer_id, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (kind, id_hash) DO UPDATE SET customer_id = excluded.customer_id,
                updated_at = excluded.updated_at""";
    private static final String UPSERT_VIRTUAL = """
            INSERT INTO crm_virtual_number (number_hash, customer_id, expires_at, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (number_hash) DO UPDATE SET customer_id = excluded.customer_id,
                expires_at = excluded.expires_at, updated_at = excluded.updated_at""";

    private final DataSource dataSource;

    public JdbcCustomerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Customer> byIdentity(String kind, String idHash) {
        return query(BY_IDENTITY, kind, idHash);
    }

    @Override
    public Optional<Customer> byVirtualNumber(String numberHash, Instant at) {
        return query(BY_VIRTUAL, numberHash, Timestamp.from(at));
    }

    private Optional<Customer> query(String sql, Object a, Object b) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, a);
            ps.setObject(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Customer(rs.getString(1), rs.getString(2), rs.getInt(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("customer lookup failed", e);
        }
    }

    @Override
    public int[] upsert(List<CustomerRow> rows, Instant now) {
        Timestamp ts = Timestamp.from(now);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement cust = c.prepareStatement(UPSERT_CUSTOMER);
                    PreparedStatement ident = c.prepareStatement(UPSERT_IDENTITY);
                    PreparedStatement virt = c.prepareStatement(UPSERT_VIRTUAL)) {
                int[] counts = new int[3];
                java.util.Set<String> customers = new java.util.HashSet<>();
                for (CustomerRow r : rows) {
                    cust.setString(1, r.customerId());
                    cust.setString(2, r.segment());
                    cust.setInt(3, r.earlierOrders());
                    cust.setTimestamp(4, ts);
                    cust.executeUpdate();
                    customers.add(r.customerId());
                    counts[1] += identity(ident, BUYER, Identities.buyer(r.channel(), r.buyerId()), r, ts);
                    counts[1] += identity(ident, CONTACT, Identities.phone(r.channel(), r.contact(), "ENCRYPTED"), r,
                            ts);
                    counts[1] += identity(ident, PHONE, Identities.phone(null, r.phone(), "PLAIN"), r, ts);
                    String v = Identities.virtualNumber(r.virtualNumber());
                    if (v != null) {
                        virt.setString(1, v);
                        virt.setString(2, r.customerId());
                        virt.setTimestamp(3, Timestamp.from(r.virtualExpiresAt()));
                        virt.setTimestamp(4, ts);
                        counts[2] += virt.executeUpdate();
                    }
                }
                counts[0] = customers.size();
                c.commit();
                return counts;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("customer upsert failed", e);
        }
    }

    private static int identity(PreparedStatement ps, String kind, String hash, CustomerRow r, Timestamp ts)
            throws SQLException {
        if (hash == null) {
            return 0;
        }
        ps.setString(1, kind);
        ps.setString(2, hash);
        ps.setString(3, r.customerId());
        ps.setTimestamp(4, ts);
        return ps.executeUpdate();
    }
}
