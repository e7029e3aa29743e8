package io.flexhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.apache.camel.Processor;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.support.processor.MarshalProcessor;
import org.apache.camel.support.processor.UnmarshalProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.support.H2RouteTest;

/**
 * The routes' Jackson data formats: they write and read with the application's ObjectMapper (what the beans used
 * before, so dates and nulls are unchanged), and a body the unmarshal step cannot read is the caller's 400.
 */
class JsonDataFormatRouteTest extends H2RouteTest {

    private static final List<String> MARSHAL_STEPS = List.of("energy-sites-json", "energy-series-json",
            "energy-kpis-json", "energy-plan-json", "dashboard-flexibility-json", "dashboard-dr-baseline-json",
            "analytics-forecast-json", "analytics-backtest-json", "analytics-patterns-json",
            "selfconsumption-runs-create-json", "selfconsumption-runs-list-json", "selfconsumption-run-get-json",
            "selfconsumption-optimize-json", "flex-offer-json");
    private static final List<String> UNMARSHAL_STEPS = List.of("selfconsumption-optimize-read-json",
            "flex-offer-read-json");

    @Autowired
    ObjectMapper springMapper;

    @Test
    void should_marshal_and_unmarshal_with_the_applications_object_mapper() throws Exception {
        for (String id : MARSHAL_STEPS) {
            Processor step = camel.getProcessor(id);
            assertThat(step).as(id).isInstanceOf(MarshalProcessor.class);
            assertThat(dataFormat(step)).as(id).isInstanceOfSatisfying(JacksonDataFormat.class,
                    f -> assertThat(f.getObjectMapper()).as(id).isSameAs(springMapper));
        }
        for (String id : UNMARSHAL_STEPS) {
            Processor step = camel.getProcessor(id);
            assertThat(step).as(id).isInstanceOf(UnmarshalProcessor.class);
            assertThat(dataFormat(step)).as(id)
                    .isInstanceOfSatisfying(JacksonDataFormat.class, f -> {
                        assertThat(f.getObjectMapper()).as(id).isSameAs(springMapper);
                        assertThat(f.getUnmarshalType()).as(id).isEqualTo(JsonNode.class);
                    });
        }
    }

    /** The processors keep their data format to themselves. */
    private static Object dataFormat(Processor step) throws ReflectiveOperationException {
        Field field = step.getClass().getDeclaredField("dataFormat");
        field.setAccessible(true);
        return field.get(step);
    }

    private HttpResponse<String> postJson(String path, String body) {
        return admin(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void should_answer_a_body_the_unmarshal_step_cannot_read_with_400_naming_where() {
        for (String[] entry : List.of(new String[] {"/api/flex/offer", "phoenix-flexoffer/1 problem"},
                new String[] {"/api/selfconsumption/optimize", "phoenix-selfconsumption/1 document"})) {
            String path = entry[0];
            HttpResponse<String> truncated = postJson(path, "{\"schema\": \"phoenix");

            assertThat(truncated.statusCode()).as(path + ": " + truncated.body()).isEqualTo(400);
            assertThat(truncated.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = read(truncated.body());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asText()).as(path)
                    .startsWith("Invalid " + entry[1] + ": not valid JSON: Unexpected end-of-input")
                    .endsWith(" at line 1, column 20");

            // no body never reaches the unmarshal step: the bean says what to send
            HttpResponse<String> empty = postJson(path, "");
            assertThat(empty.statusCode()).as(path + ": " + empty.body()).isEqualTo(400);
            assertThat(read(empty.body()).get("detail").asText()).startsWith("Empty body: send a phoenix-");
        }
    }
}
