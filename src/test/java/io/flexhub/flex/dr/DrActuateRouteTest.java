package io.flexhub.flex.dr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.flex.dr.engine.DrState;
import io.flexhub.site.Actuation;
import io.flexhub.support.H2RouteTest;
import io.flexhub.support.RecordingActuator;

/**
 * The dr-actuate poller's error policy at its bean step ({@code actuate-event}): an event whose step fails (the
 * database, not the device) stays SCHEDULED and is taken again on the next poll, and the other due events of the
 * same poll are actuated meanwhile.
 */
class DrActuateRouteTest extends H2RouteTest {

    private static final String FAILING_DEVICE = "urn:ngsi-ld:Device:pleiades-hvac-b1-015";
    private static final String OTHER_DEVICE = "urn:ngsi-ld:Device:pleiades-hvac-b1-022";
    /** Which events the step fails on; by default none. */
    private static final AtomicReference<LongPredicate> FAILS = new AtomicReference<>(id -> false);
    /** The events the step failed on, once per attempt. */
    private static final List<Long> FAILED_ATTEMPTS = new CopyOnWriteArrayList<>();

    @Autowired
    DrEventStore events;
    @Autowired
    DrActuation actuation;
    @Autowired
    RecordingActuator devices;
    @Autowired
    Clock clock;

    private final List<Long> inserted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void advise() throws Exception {
        FAILS.set(id -> false);
        adviseOnce("dr-actuate", route -> route.weaveById("actuate-event").before().process(e -> {
            long id = e.getMessage().getBody(Long.class);
            if (FAILS.get().test(id)) {
                FAILED_ATTEMPTS.add(id);
                throw new IllegalStateException("lease table locked (test)");
            }
        }));
    }

    @AfterEach
    void giveTheDevicesBack() {
        FAILS.set(id -> false);
        for (long id : inserted) {
            if (!events.findById(id).orElseThrow().state().isFinal()) {
                actuation.cancel(id, "test over");
            }
        }
    }

    private long insert(String device, double kw, Instant start) {
        long id = events.insert(new DrEvent.New(DrEvent.Source.LOCAL, "route-test-" + UUID.randomUUID(), null, null,
                "ean.route-test", device, start, Duration.ofMinutes(15), ZoneId.of("Europe/Madrid"), List.of(kw),
                List.of(1.0), null), clock.instant(), "route test event");
        inserted.add(id);
        return id;
    }

    private List<Actuation> applied(String device, long event) {
        return devices.applied(device).stream().filter(a -> a.reference().startsWith("dr-event-" + event + "/")).toList();
    }

    @Test
    void should_keep_an_event_whose_step_failed_due_and_actuate_the_others_of_the_poll() {
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // the failing one first: it is due earlier, so the poll's split meets it before the other
        long failing = insert(FAILING_DEVICE, 2.5, start.minusSeconds(1));
        long other = insert(OTHER_DEVICE, 1.5, start);
        FAILED_ATTEMPTS.clear();
        FAILS.set(id -> id == failing);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(applied(OTHER_DEVICE, other)).extracting(Actuation::command, Actuation::powerKw)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Actuation.Command.SETPOINT, 1.5));
            assertThat(FAILED_ATTEMPTS.stream().filter(id -> id == failing).count()).isGreaterThanOrEqualTo(2);
        });
        assertThat(events.findById(other).orElseThrow().state()).isEqualTo(DrState.ACTIVE);
        DrEvent kept = events.findById(failing).orElseThrow();
        assertThat(kept.state()).isEqualTo(DrState.SCHEDULED);
        assertThat(applied(FAILING_DEVICE, failing)).isEmpty();

        FAILS.set(id -> false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(applied(FAILING_DEVICE, failing)).extracting(Actuation::powerKw).containsExactly(2.5));
        assertThat(events.findById(failing).orElseThrow().state()).isEqualTo(DrState.ACTIVE);
    }
}
