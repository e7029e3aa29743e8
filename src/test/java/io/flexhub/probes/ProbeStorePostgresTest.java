package io.flexhub.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.probes.runtime.ProbeResultStore;
import io.flexhub.support.PostgresHubTest;

/** The probe slot claim and result SQL on a real PostgreSQL, where several instances share the database. */
class ProbeStorePostgresTest extends PostgresHubTest {

    @Autowired
    ProbeResultStore store;

    @Test
    void should_give_a_scheduled_slot_to_one_instance_and_keep_stage_results() {
        Instant slot = Instant.parse("2026-11-26T15:00:00Z");

        Optional<String> first = store.claim("PG-probe", slot, "instance-a", slot.plusMillis(5));
        Optional<String> second = store.claim("PG-probe", slot, "instance-b", slot.plusMillis(7));
        Optional<String> manual1 = store.claim("PG-probe", null, "instance-b", slot.plusSeconds(60));
        Optional<String> manual2 = store.claim("PG-probe", null, "instance-b", slot.plusSeconds(61));

        assertThat(first).isPresent();
        assertThat(second).as("the slot is taken").isEmpty();
        assertThat(manual1).as("manual runs have no slot").isPresent();
        assertThat(manual2).isPresent().isNotEqualTo(manual1);

        store.save(first.get(), "PG-probe", List.of(
                new StageResult(1, slot, slot.plusMillis(120), Outcome.VALID, 200, "{\"status\":\"Accepted\"}", null,
                        List.of("email 'ok' queued as notification 4", "post to http://x/log answered 204")),
                new StageResult(2, slot.plusMillis(130), slot.plusMillis(530), Outcome.TIMEOUT, null, null,
                        "no response within 400 ms", List.of())));

        List<ProbeResultStore.StoredResult> results = store.results("PG-probe", 10);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).result().stage()).isEqualTo(2);
        assertThat(results.get(0).result().outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(results.get(0).result().statusCode()).isNull();
        assertThat(results.get(1).runId()).isEqualTo(first.get());
        assertThat(results.get(1).trigger()).isEqualTo("SCHEDULE");
        assertThat(results.get(1).scheduledAt()).isEqualTo(slot);
        assertThat(results.get(1).result()).isEqualTo(new StageResult(1, slot, slot.plusMillis(120), Outcome.VALID,
                200, "{\"status\":\"Accepted\"}", null,
                List.of("email 'ok' queued as notification 4", "post to http://x/log answered 204")));
    }
}
