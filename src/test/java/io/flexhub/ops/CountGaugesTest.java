package io.flexhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Count gauges on the real schema (H2, migrated), including a table that another feature adds later. */
class CountGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private JdbcClient jdbc;
    private CountGauges gauges;

    @BeforeEach
    void migrate() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:count-gauges-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        OpsProperties properties = new OpsProperties(50, Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofSeconds(15), List.of(new OpsProperties.CountGauge("flexhub.test.events", "test_event", "state")));
        gauges = new CountGauges(jdbc, registry, properties);
    }

    @Test
    void should_export_every_outbox_status_even_when_empty() {
        gauges.refresh();

        assertThat(values("flexhub.uftp.outbox.depth", "status"))
                .isEqualTo(Map.of("PENDING", 0.0, "SENDING", 0.0, "SENT", 0.0, "FAILED", 0.0));
    }

    @Test
    void should_export_nothing_for_a_missing_table_and_pick_it_up_once_it_exists() {
        gauges.refresh();
        assertThat(registry.find("flexhub.test.events").gauges()).isEmpty();
        assertThat(gauges.counts("flexhub.test.events")).isEmpty();

        jdbc.sql("CREATE TABLE test_event (id INT PRIMARY KEY, state VARCHAR(16))").update();
        jdbc.sql("INSERT INTO test_event VALUES (1, 'ACTIVE'), (2, 'ACTIVE'), (3, 'DONE')").update();
        gauges.refresh();

        assertThat(values("flexhub.test.events", "state")).isEqualTo(Map.of("ACTIVE", 2.0, "DONE", 1.0));
    }

    @Test
    void should_keep_a_state_at_zero_once_its_rows_are_gone() {
        jdbc.sql("CREATE TABLE test_event (id INT PRIMARY KEY, state VARCHAR(16))").update();
        jdbc.sql("INSERT INTO test_event VALUES (1, 'ACTIVE'), (2, 'DONE')").update();
        gauges.refresh();

        jdbc.sql("UPDATE test_event SET state = 'DONE'").update();
        gauges.refresh();

        assertThat(values("flexhub.test.events", "state")).isEqualTo(Map.of("ACTIVE", 0.0, "DONE", 2.0));
        assertThat(gauges.counts("flexhub.test.events")).isEqualTo(Map.of("ACTIVE", 0L, "DONE", 2L));
    }

    private Map<String, Double> values(String metric, String tag) {
        return registry.find(metric).gauges().stream()
                .collect(Collectors.toMap(g -> g.getId().getTag(tag), Gauge::value));
    }
}
