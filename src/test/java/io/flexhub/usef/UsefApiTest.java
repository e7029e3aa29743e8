package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;

/** The admin API over HTTP: translation both ways, errors as problem details, authentication, public context. */
class UsefApiTest extends H2HubTest {

    @Autowired
    CamelContext camel;

    @Test
    void should_translate_uftp_xml_to_json_ld_and_back_losslessly() {
        byte[] xml = fixture("FlexRequest.xml");

        HttpResponse<String> toJson = translate(xml, "text/xml");

        assertThat(toJson.statusCode()).as(toJson.body()).isEqualTo(200);
        assertThat(toJson.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/ld+json"));
        JsonNode entity = read(toJson.body());
        assertThat(entity.get("type").asText()).isEqualTo("FlexRequest");
        assertThat(entity.get("id").asText()).startsWith("urn:ngsi-ld:FlexRequest:");
        assertThat(entity.get("@context").get(0).asText()).isEqualTo("http://hub.test.example/ngsi-ld/contexts/uftp.jsonld");

        HttpResponse<String> back = translate(toJson.body().getBytes(StandardCharsets.UTF_8), "application/ld+json");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(back.body()).startsWith("<?xml").contains("<FlexRequest ");
        HttpResponse<String> again = translate(back.body().getBytes(StandardCharsets.UTF_8), "application/xml");
        assertThat(read(again.body())).isEqualTo(entity);
    }

    @Test
    void should_translate_the_entity_as_scorpio_returns_it_and_name_the_member_it_cannot_take() {
        JsonNode readBack = read(new String(resource("/fixtures/ngsi-ld/scorpio-live/09-read-back-FlexOffer.response.json"),
                StandardCharsets.UTF_8)).at("/body/0");

        HttpResponse<String> xml = translate(readBack.toString().getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(200);
        assertThat(xml.body()).contains("<FlexOffer ", "ExpirationDateTime=\"2026-12-01T21:25:00Z\"",
                "Period=\"2026-12-01\"", "Price=\"2.5\"", "<ISP Power=\"-20000\" Start=\"91\" Duration=\"2\"/>");
        String bad = readBack.toString().replace("\"@value\":\"2026-12-01\"", "\"@value\":\"2026-12-01\",\"lang\":\"nl\"");
        assertProblem(translate(bad.getBytes(StandardCharsets.UTF_8), "application/json"), 400,
                "property 'period' has an unexpected member 'lang' in its typed value");
    }

    @Test
    void should_answer_problem_details_for_bad_input() {
        HttpResponse<String> plain = translate("hello".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertProblem(plain, 415, "text/plain");

        HttpResponse<String> invalid = translate("<FlexRequest Version=\"3.0.0\"/>".getBytes(StandardCharsets.UTF_8),
                "text/xml");
        assertProblem(invalid, 400, "not valid against the UFTP 3.x schema");

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><TestMessage>&x;</TestMessage>";
        assertProblem(translate(xxe.getBytes(StandardCharsets.UTF_8), "text/xml"), 400, "DOCTYPE");

        // values the stream validator cannot parse at all are refused, not a 500
        String request = new String(fixture("FlexRequest.xml"), StandardCharsets.UTF_8);
        assertProblem(translate(request.replace("ISP-Duration=\"PT15M\"", "ISP-Duration=\"\"")
                .getBytes(StandardCharsets.UTF_8), "text/xml"), 400, "line 2");
        assertProblem(translate(request.replace("encoding=\"UTF-8\"", "encoding=\"UTF-8UTF-8\"")
                .getBytes(StandardCharsets.UTF_8), "text/xml"), 400, "UTF-8UTF-8");
        assertProblem(translate(request.replace("<ISP ", "<?pi x?><ISP ").getBytes(StandardCharsets.UTF_8), "text/xml"),
                400, "processing instructions are not allowed");

        assertProblem(translate("{\"type\":\"FlexRequest\"".getBytes(StandardCharsets.UTF_8), "application/json"),
                400, "JSON");
        assertProblem(translate("{\"id\":\"urn:ngsi-ld:TestMessage:0f0e0d0c-0b0a-4908-8706-050403020100\",\"type\":\"TestMessage\"}"
                .getBytes(StandardCharsets.UTF_8), "application/json"), 400, "missing");

        // the admin APIs' limit (flexhub.web.max-body-bytes, 16 MB), not the UFTP transport's
        byte[] huge = ("<TestMessage a=\"" + "x".repeat(16 * 1024 * 1024) + "\"/>").getBytes(StandardCharsets.UTF_8);
        assertProblem(translate(huge, "text/xml"), 413, "exceeds the limit of 16777216 bytes");
    }

    @Test
    void should_require_the_admin_login_for_the_api_and_actuator_but_not_for_health_and_context() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url("/api/usef/messages"))).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(url("/api/usef/messages")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/actuator/metrics"))).GET().build()).statusCode())
                .isIn(401, 302);

        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        HttpResponse<String> context = send(HttpRequest.newBuilder(URI.create(url("/ngsi-ld/contexts/uftp.jsonld")))
                .GET().build());
        assertThat(context.statusCode()).isEqualTo(200);
        assertThat(context.headers().firstValue("Content-Type")).hasValue("application/ld+json");
        assertThat(read(context.body()).at("/@context/FlexRequest").isMissingNode()).isFalse();
    }

    @Test
    void should_show_every_route_by_id_to_hawtio_behind_the_login() {
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/actuator/hawtio/"))).GET().build()).statusCode())
                .isIn(401, 302);
        HttpResponse<String> console = admin(HttpRequest.newBuilder(URI.create(url("/actuator/hawtio/"))).GET());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("hawtio");

        HttpResponse<String> routes = admin(HttpRequest.newBuilder(
                URI.create(url("/actuator/jolokia/search/org.apache.camel:type=routes,*"))).GET());
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("usef-receive", "usef-process", "usef-send", "usef-translate",
                "usef-messages-list", "flex-request-inbox");
    }

    @Test
    void should_show_the_calls_to_uftp_peers_as_camel_endpoints_with_their_counts_in_hawtio() {
        dsoAccepts();
        var test = DSO.header(new org.lfenergy.shapeshifter.api.TestMessage(), java.util.UUID.randomUUID().toString());
        assertThat(postUftp(DSO.signed(test)).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                !DSO_SERVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(DSO_PATH))).isEmpty());

        // the participant's endpoint is a camel-http endpoint of its own, with the outbox's parameters
        HttpResponse<String> endpoints = admin(HttpRequest.newBuilder(
                URI.create(url("/actuator/jolokia/search/org.apache.camel:type=endpoints,*"))).GET());
        assertThat(endpoints.statusCode()).isEqualTo(200);
        // other test contexts of this JVM register their Camel contexts in the same MBean server
        String context = "org.apache.camel:context=" + camel.getManagementName() + ",";
        List<String> peers = new ArrayList<>();
        read(endpoints.body()).get("value").forEach(name -> {
            if (name.asText().startsWith(context) && name.asText().contains(DSO_PATH)) {
                peers.add(name.asText());
            }
        });
        assertThat(peers).singleElement().asString().startsWith("org.apache.camel:context=")
                .endsWith("name=\"http://localhost:" + DSO_SERVER.port() + DSO_PATH + "\"");
        // Jolokia's path syntax: "!" escapes a "/" of the name; quotes and "?" percent-encoded for Tomcat
        String mbean = peers.get(0).replace("!", "!!").replace("/", "!/").replace("\"", "%22").replace("?", "%3F");
        HttpResponse<String> uri = admin(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/read/" + mbean
                + "/EndpointUri"))).GET());
        assertThat(read(uri.body()).path("value").asText()).as(uri.body()).contains("httpMethod=POST")
                .contains("connectTimeout=5000").contains("responseTimeout=15000")
                .contains("httpClientConfigurer=%23uftpPeerHttpClient");
        // and the route's call to it counts its exchanges
        HttpResponse<String> counts = admin(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/read/"
                + context + "type=processors,name=%22to-uftp-peer%22/ExchangesCompleted"))).GET());
        assertThat(counts.statusCode()).as(counts.body()).isEqualTo(200);
        assertThat(read(counts.body()).get("value").asLong()).as(counts.body()).isPositive();
    }

    @Test
    void should_list_messages_filtered_and_serve_them_as_uftp_xml() {
        dsoAccepts();
        var request = DSO.flexRequest();
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        // the conversation is complete once the engine has offered on the demo building, or recorded why not
        String handoff = awaitEngine(request.getMessageID()).at("/handoff/value").asText();

        HttpResponse<String> list = admin(HttpRequest.newBuilder(URI.create(url(
                "/api/usef/messages?conversationId=" + request.getConversationID()))).GET());
        JsonNode entities = read(list.body());
        List<String> expected = handoff.equals("OFFERED")
                ? List.of("FlexRequest", "FlexRequestResponse", "FlexOffer")
                : List.of("FlexRequest", "FlexRequestResponse");
        List<String> types = new ArrayList<>();
        entities.forEach(entity -> {
            types.add(entity.get("type").asText());
            assertThat(entity.at("/conversationId/value").asText()).isEqualTo(request.getConversationID());
        });
        assertThat(types).containsExactlyInAnyOrderElementsOf(expected);

        HttpResponse<String> typed = admin(HttpRequest.newBuilder(URI.create(url(
                "/api/usef/messages?type=FlexRequestResponse&conversationId=" + request.getConversationID()))).GET());
        assertThat(read(typed.body())).hasSize(1);

        HttpResponse<String> xml = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/messages/"
                + request.getMessageID()))).header("Accept", "application/xml").GET());
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.body()).contains("MessageID=\"" + request.getMessageID() + "\"");
        assertThat(xml.headers().firstValue("X-Flexhub-Status")).hasValue("ACCEPTED");
        assertThat(xml.headers().firstValue("X-Flexhub-ResponseType")).hasValue("FlexRequestResponse");

        assertThat(admin(HttpRequest.newBuilder(URI.create(url("/api/usef/messages?limit=abc"))).GET()).statusCode())
                .isEqualTo(400);
    }

    private HttpResponse<String> translate(byte[] body, String contentType) {
        return admin(HttpRequest.newBuilder(URI.create(url("/api/usef/translate")))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = read(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).containsIgnoringCase(detailPart);
    }

    private static byte[] fixture(String name) {
        return resource("/fixtures/usef/" + name);
    }

    private static byte[] resource(String path) {
        try (InputStream in = UftpTestPeer.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
