package io.flexhub.ngsild.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void should_select_links_by_rel_when_response_carries_several_link_headers() throws Exception {
        try (ScorpioReplay broker = new ScorpioReplay()) {
            broker.replay("12-query-by-type-count-limit1");
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    broker.baseUrl().resolve("/ngsi-ld/v1/entities?type=FlexConfiguration&count=true&limit=1"))
                    .build(), HttpResponse.BodyHandlers.discarding());

            List<String> links = response.headers().allValues("Link");

            assertThat(links).hasSize(3);
            assertThat(LinkHeader.urisWithRel(links, LinkHeader.JSON_LD_CONTEXT_REL)).containsExactly(
                    "http://127.0.0.1:8100/flex-context.jsonld",
                    "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld");
            assertThat(LinkHeader.urisWithRel(links, "next")).containsExactly(
                    "http://127.0.0.1:9090/ngsi-ld/v1/entities?type=FlexConfiguration&count=true&offset=1&limit=1");
        }
    }

    @Test
    void should_split_links_when_they_are_folded_into_one_comma_separated_value() {
        String folded = "<http://a/ctx.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\","
                + " <http://b/e?x=1,2>;rel=next";

        List<LinkHeader> links = LinkHeader.parse(List.of(folded));

        assertThat(links).extracting(LinkHeader::uri).containsExactly("http://a/ctx.jsonld", "http://b/e?x=1,2");
        assertThat(links.get(0).params()).containsEntry("type", "application/ld+json");
        assertThat(links.get(1).rel()).isEqualTo("next");
    }

    @Test
    void should_build_the_exact_header_scorpio_recorded_when_given_the_context_url() {
        assertThat(LinkHeader.jsonLdContext("http://127.0.0.1:8100/flex-context.jsonld"))
                .isEqualTo(ScorpioReplay.requestHeader("12-query-by-type-count-limit1", "Link"));
    }
}
