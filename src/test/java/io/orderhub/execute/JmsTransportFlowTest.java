package io.orderhub.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Finance receivables over JMS to an Artemis broker in the test JVM: a READY order's command arrives on the system's
 * queue with its idempotency key; sent again (a sender that died between the broker's acceptance and its own mark)
 * the broker drops the repeat by its duplicate id; while the broker is down the command is retried, the other systems
 * keep flowing, and it arrives once when the broker is back.
 */
@QuarkusTest
@TestProfile(ExecuteTransportsProfile.class)
class JmsTransportFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    @Test
    void aReadyOrdersReceivableArrivesOnTheQueueOnceEvenWhenSentAgain() throws Exception {
        String id = ExecutionFlowTest.readyOrder();
        Map<String, Object> finance = await().atMost(Duration.ofSeconds(30)).until(() -> command(id, "finance"),
                c -> c != null && "SENT".equals(c.get("state")));
        String key = (String) finance.get("key");

        List<TextMessage> received = browse(key);
        assertThat(received).hasSize(1);
        TextMessage m = received.get(0);
        assertThat(JSON.readTree(m.getText())).isEqualTo(JSON.readTree((String) finance.get("payload")));
        assertThat(m.getStringProperty(JmsTransport.KEY)).isEqualTo(key);
        assertThat(m.getStringProperty(JmsTransport.DUPLICATE_ID)).isEqualTo(key);
        assertThat(m.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);

        // as if the sender had died after the broker took the message and before the outbox marked it
        update("UPDATE outbox_command SET state = 'PENDING', next_attempt_at = now() WHERE idempotency_key = ?", key);
        await().atMost(Duration.ofSeconds(30)).until(() -> command(id, "finance"),
                c -> "SENT".equals(c.get("state")) && (int) c.get("attempts") == 2);
        assertThat(browse(key)).as("the repeat carried the same duplicate id").hasSize(1);
    }

    @Test
    void whileTheBrokerIsDownTheReceivableIsRetriedAndArrivesOnceItIsBack() throws Exception {
        ArtemisTestResource.stopBroker();
        String id;
        try {
            id = ExecutionFlowTest.readyOrder();
            Map<String, Object> waiting = await().atMost(Duration.ofSeconds(30)).until(() -> command(id, "finance"),
                    c -> c != null && (int) c.get("attempts") >= 2);
            assertThat(waiting.get("state")).isIn("PENDING", "SENDING");
            assertThat(waiting.get("errorClass")).isIn("JMS", "CIRCUIT_OPEN");
            // the other systems do not wait for the broker
            await().atMost(Duration.ofSeconds(30)).until(() -> command(id, "erp"),
                    c -> c != null && "SENT".equals(c.get("state")));
        } finally {
            ArtemisTestResource.startBroker();
        }
        Map<String, Object> sent = await().atMost(Duration.ofSeconds(60)).until(() -> command(id, "finance"),
                c -> "SENT".equals(c.get("state")));
        assertThat(browse((String) sent.get("key"))).hasSize(1);
    }

    /** The messages on the finance queue with this idempotency key, left on the queue. */
    static List<TextMessage> browse(String key) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(ArtemisTestResource.url());
                JMSContext ctx = cf.createContext()) {
            QueueBrowser browser = ctx.createBrowser(ctx.createQueue(ExecuteTransportsProfile.FINANCE_QUEUE),
                    JmsTransport.KEY + " = '" + key + "'");
            List<TextMessage> out = new ArrayList<>();
            java.util.Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                out.add((TextMessage) messages.nextElement());
            }
            return out;
        }
    }

    Map<String, Object> command(String hubOrderId, String system) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT idempotency_key, state, attempts, coalesce(error_class, ''), payload::text
                          FROM outbox_command WHERE hub_order_id = ?::uuid AND system = ?""")) {
            ps.setString(1, hubOrderId);
            ps.setString(2, system);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Map.of("key", rs.getString(1), "state", rs.getString(2), "attempts", rs.getInt(3),
                                "errorClass", rs.getString(4), "payload", rs.getString(5))
                        : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void update(String sql, String key) {
        assertThat(OutboxRows.update(dataSource, sql, key)).isEqualTo(1);
    }
}
