package io.orderhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart recovery: receipts accepted while the validation layer is stopped are still pending after an orderly stop,
 * and the next start processes every one of them.
 */
class RestartRecoveryIT {

    static final int ORDERS = 300;

    @TempDir
    Path dataDir;

    @Test
    void receiptsPendingAtStopAreProcessedAfterTheNextStart() throws Exception {
        HubProcess hub = new HubProcess(dataDir).start("orderhub.validate.enabled=false");
        HttpClient http = HttpClient.newHttpClient();
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(hub.uri("/api/v1/intake/pos"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer orderhub-demo-token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"receiptNo\":\"" + UUID.randomUUID() + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(202);
            receipts.add(r.body().replaceAll(".*\"receiptId\":\"([^\"]+)\".*", "$1"));
        }
        String sample = http.send(HttpRequest.newBuilder(hub.uri("/api/v1/receipts/" + receipts.get(0))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(sample).contains("\"state\":\"ACCEPTED\"");
        hub.stop();

        hub.start();
        try (Connection store = hub.store()) {
            await("all pending receipts processed").atMost(Duration.ofMinutes(1)).until(() -> CrashRecoveryIT
                    .single(store, "SELECT count(*) FROM receipt_state") == ORDERS);
        }
        for (String receiptId : List.of(receipts.get(0), receipts.get(ORDERS - 1))) {
            String view = http.send(HttpRequest.newBuilder(hub.uri("/api/v1/receipts/" + receiptId)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(view).contains("\"state\":\"PARKED\"");
        }
        hub.stop();
    }
}
