package io.orderhub.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.orderhub.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** What SREs watch: health, the Prometheus names promised in the issue, Camel JMX and Jolokia for Hawtio. */
@QuarkusTest
class OperationsTest {

    @Test
    void healthIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void intakeMetricsCarryChannelAndReason() {
        given().contentType("application/json").header("Authorization", IntakeApiTest.DEMO_TOKEN)
                .body(("{\"_test\":\"" + UUID.randomUUID() + "\","
                        + Fixtures.text("pdd__order_list_get_response_docsample.json").trim().substring(1))
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/intake/pdd").then().statusCode(202);
        given().contentType("application/json").body("{}").post("/api/v1/intake/pdd").then().statusCode(401);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("orderhub_intake_accepted_total\\{[^}]*channel=\"pdd\"[^}]*} [1-9]")
                .containsPattern(
                        "orderhub_intake_rejected_total\\{[^}]*channel=\"pdd\"[^}]*reason=\"unauthorized\"[^}]*} [1-9]")
                .containsPattern("orderhub_queue_depth\\{[^}]*layer=\"validate\"")
                .containsPattern("orderhub_queue_depth\\{[^}]*layer=\"archive\"")
                .contains("orderhub_intake_ack_seconds_bucket").contains("orderhub_intake_ack_seconds_count");
    }

    @Test
    void camelRoutesAreManagedBeansAndJolokiaServesThem() throws Exception {
        var routes = ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("org.apache.camel:type=routes,*"), null);
        assertThat(routes).extracting(n -> n.getKeyProperty("name").replace("\"", ""))
                .contains("intake-http", "receipts-http", "validate-receipts", "receipts-recovery");

        HttpResponse<String> jolokia = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("quarkus.camel.jolokia.server.port", Integer.class)
                        + "/jolokia/search/org.apache.camel:type=routes,*"))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jolokia.statusCode()).isEqualTo(200);
        assertThat(jolokia.body()).contains("intake-http");
    }
}
