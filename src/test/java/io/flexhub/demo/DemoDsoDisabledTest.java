package io.flexhub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.support.H2HubTest;
import io.flexhub.usef.UsefProperties;

/** The shared test context runs with flexhub.demo.enabled=false, as a production hub does. */
class DemoDsoDisabledTest extends H2HubTest {

    @Autowired
    ObjectProvider<DemoDso> demoDso;
    @Autowired
    UsefProperties usef;

    @Test
    void every_demo_path_answers_404_and_no_demo_dso_runs() {
        assertThat(demoDso.getIfAvailable()).isNull();

        HttpResponse<String> request = admin(HttpRequest.newBuilder(URI.create(url("/api/demo/flex-request")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(request.statusCode()).isEqualTo(404);
        assertThat(read(request.body()).get("detail").asText()).startsWith("The demo DSO is disabled");
        HttpResponse<String> received = admin(HttpRequest.newBuilder(URI.create(url("/api/demo/dso/received"))).GET());
        assertThat(received.statusCode()).isEqualTo(404);
        assertThat(read(received.body()).get("title").asText()).isEqualTo("Not Found");

        HttpResponse<String> endpoint = send(HttpRequest.newBuilder(
                        URI.create(url("/demo-dso/shapeshifter/api/v3/message")))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("<SignedMessage/>")).build());
        assertThat(endpoint.statusCode()).isEqualTo(404);
        assertThat(endpoint.body()).isEqualTo("the demo DSO is disabled");
        // nothing in this context sends to the demo endpoint: no participant has it
        assertThat(usef.participants()).noneMatch(p -> p.endpoint().getPath().startsWith("/demo-dso/"));
    }
}
