package io.orderhub.execute;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An Artemis broker inside the test JVM (persistence off, one tcp acceptor on a free port) for the jms transport. Tests
 * stop and start it again to play a broker outage.
 */
public class ArtemisTestResource implements QuarkusTestResourceLifecycleManager {

    /** Outside the orderhub.* namespace, which the hub's configuration validates. */
    private static final String PORT = "artemis-test.port";
    private static EmbeddedActiveMQ broker;

    @Override
    public Map<String, String> start() {
        try (ServerSocket s = new ServerSocket(0)) {
            System.setProperty(PORT, Integer.toString(s.getLocalPort()));
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the test broker", e);
        }
        startBroker();
        return Map.of("orderhub.execute.jms.url", url());
    }

    /** The broker's URL; a short call timeout so a send to a vanished broker fails fast. */
    public static String url() {
        return "tcp://localhost:" + System.getProperty(PORT) + "?callTimeout=3000";
    }

    public static synchronized void startBroker() {
        try {
            broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                    .setPersistenceEnabled(false).setSecurityEnabled(false)
                    // nothing is written with persistence off; any directory the broker still wants stays in target/
                    .setJournalDirectory("target/artemis/journal").setBindingsDirectory("target/artemis/bindings")
                    .setPagingDirectory("target/artemis/paging")
                    .setLargeMessagesDirectory("target/artemis/large")
                    .addAcceptorConfiguration("tcp", "tcp://localhost:" + System.getProperty(PORT)));
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not start", e);
        }
    }

    public static synchronized void stopBroker() {
        if (broker == null) {
            throw new IllegalStateException("no test broker in this class loader");
        }
        try {
            broker.stop();
            broker = null;
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not stop", e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            stopBroker();
        }
    }
}
