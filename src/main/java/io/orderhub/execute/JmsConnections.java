package io.orderhub.execute;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

import io.orderhub.config.OrderHubConfig;
import io.quarkus.arc.Unremovable;

/**
 * The connection factory of the {@code jms} transport, built from {@code orderhub.execute.jms.*} at run time (the
 * Artemis extension's own factory needs its URL at build time, and the embedded hub has no broker). Creating it
 * connects to nothing: the first send does, so a hub whose systems all speak HTTP never needs a broker. Sessions and
 * producers are cached (Camel's JmsTemplate would otherwise open a connection per message), and a broken connection
 * is dropped and opened again on the next send.
 */
@ApplicationScoped
public class JmsConnections {

    @Produces
    @ApplicationScoped
    @Named("orderhubJms")
    @Unremovable
    ConnectionFactory orderhubJms(OrderHubConfig config) {
        OrderHubConfig.Jms jms = config.execute().jms();
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(jms.url(), jms.username().orElse(null),
                jms.password().orElse(null));
        CachingConnectionFactory caching = new CachingConnectionFactory(artemis);
        caching.setSessionCacheSize(8);
        caching.setReconnectOnException(true);
        return caching;
    }

    void close(@Disposes @Named("orderhubJms") ConnectionFactory factory) {
        if (factory instanceof CachingConnectionFactory caching) {
            caching.destroy();
            if (caching.getTargetConnectionFactory() instanceof ActiveMQConnectionFactory artemis) {
                artemis.close();
            }
        }
    }
}
