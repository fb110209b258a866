package io.orderhub.execute;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsConstants;

import io.orderhub.config.OrderHubConfig;

/**
 * Sends the payload as a persistent JMS text message to the system's queue ({@code destination}) on the Artemis
 * broker of {@code orderhub.execute.jms.url}, through the route {@code downstream-jms}. The idempotency key travels as
 * the property {@value #KEY} and as Artemis' duplicate id {@code _AMQ_DUPL_ID}: a re-send after a crash between the
 * broker's acceptance and the outbox's mark is dropped by the broker. Confirmed: the broker accepted the message (the
 * Artemis client blocks on a durable send until the broker has it).
 * <p>
 * Sources: Artemis' "Duplicate Message Detection" chapter (activemq.apache.org/artemis/docs, duplicate-detection:
 * a JMS client sets the String property {@code _AMQ_DUPL_ID}); Camel's JMS component, "Reuse endpoint and send to
 * different destinations computed at runtime" ({@code CamelJmsDestinationName} overrides the URI's queue).
 */
@ApplicationScoped
public class JmsTransport implements CommandTransport {

    /** The JMS property with the command's idempotency key, for the consumer's own de-duplication. */
    public static final String KEY = "IdempotencyKey";
    /** The JMS property with the command type (erp order push, wms cancel...). */
    public static final String TYPE = "CommandType";
    /** Artemis' duplicate detection property (Message.HDR_DUPLICATE_DETECTION_ID). */
    public static final String DUPLICATE_ID = Message.HDR_DUPLICATE_DETECTION_ID.toString();

    private final ProducerTemplate template;

    public JmsTransport(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public String name() {
        return "jms";
    }

    @Override
    public Delivery deliver(Command command, OrderHubConfig.DownstreamSystem system) {
        if (system.destination().isEmpty()) {
            return Delivery.rejected("NOT_CONFIGURED", "no destination for " + command.system(), null);
        }
        Exchange result = template.send("direct:downstream-jms", ex -> {
            ex.getMessage().setHeader(JmsConstants.JMS_DESTINATION_NAME, system.destination().get());
            ex.getMessage().setHeader(KEY, command.idempotencyKey());
            ex.getMessage().setHeader(TYPE, command.type());
            ex.getMessage().setHeader(DUPLICATE_ID, command.idempotencyKey());
            ex.getMessage().setBody(command.payload());
        });
        if (result.getException() != null) {
            Exception e = result.getException();
            return Delivery.failed("JMS", e.getClass().getSimpleName() + ": " + rootMessage(e), null);
        }
        return Delivery.confirmed(null);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Dispatcher.abbreviate(root.getMessage());
    }
}
