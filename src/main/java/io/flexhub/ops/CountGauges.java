package io.flexhub.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Row counts per state of the hub's work tables as gauges: the UFTP outbox ({@code flexhub_uftp_outbox_depth{status}})
 * and whatever {@code flexhub.ops.count-gauges} lists. Counted on a timer (route {@code ops-metrics-refresh}) rather
 * than on each scrape, so several scrapers or a slow database never stack up queries. A configured table that does
 * not exist yet exports nothing until it does; a state seen once stays exported, at 0 when no row has it.
 */
@Component("countGauges")
public class CountGauges {

    private static final Logger LOG = LoggerFactory.getLogger(CountGauges.class);
    /** The outbox always shows its four states, so an alert on FAILED > 0 has a series from the start. */
    static final OpsProperties.CountGauge OUTBOX =
            new OpsProperties.CountGauge("flexhub.uftp.outbox.depth", "uftp_outbox", "status");
    private static final List<String> OUTBOX_STATES = List.of("PENDING", "SENDING", "SENT", "FAILED");

    private final JdbcClient jdbc;
    private final List<Gauge> gauges = new ArrayList<>();

    public CountGauges(JdbcClient jdbc, MeterRegistry registry, OpsProperties properties) {
        this.jdbc = jdbc;
        gauges.add(new Gauge(OUTBOX, registry, OUTBOX_STATES));
        for (OpsProperties.CountGauge g : properties.countGauges()) {
            gauges.add(new Gauge(g, registry, List.of()));
        }
    }

    /** Reads every count once; called by the refresh route. */
    public synchronized void refresh() {
        for (Gauge gauge : gauges) {
            gauge.refresh();
        }
    }

    /** Current counts of one gauge (state to rows), empty when its table is missing. */
    public synchronized Map<String, Long> counts(String metric) {
        return gauges.stream().filter(g -> g.spec.metric().equals(metric)).findFirst()
                .map(g -> Map.copyOf(g.counts)).orElse(Map.of());
    }

    private final class Gauge {

        private final OpsProperties.CountGauge spec;
        private final MultiGauge meter;
        private final Set<String> seen = new LinkedHashSet<>();
        private Map<String, Long> counts = Map.of();
        private boolean missingLogged;

        Gauge(OpsProperties.CountGauge spec, MeterRegistry registry, List<String> states) {
            this.spec = spec;
            this.seen.addAll(states);
            this.meter = MultiGauge.builder(spec.metric())
                    .description("Rows of " + spec.table() + " per " + spec.column())
                    .register(registry);
        }

        void refresh() {
            Map<String, Long> read = new LinkedHashMap<>();
            try {
                // asked first, so a missing table does not put an error into the database's log every refresh
                if (!tableExists()) {
                    missing("no such table");
                    return;
                }
                jdbc.sql("SELECT " + spec.column() + ", COUNT(*) FROM " + spec.table() + " GROUP BY " + spec.column())
                        .query(rs -> {
                            read.put(String.valueOf(rs.getString(1)), rs.getLong(2));
                        });
            } catch (DataAccessException e) {
                missing(e.getMostSpecificCause().getMessage());
                return;
            }
            missingLogged = false;
            seen.addAll(read.keySet());
            Map<String, Long> all = new LinkedHashMap<>();
            for (String state : seen) {
                all.put(state, read.getOrDefault(state, 0L));
            }
            counts = all;
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            all.forEach((state, n) -> rows.add(MultiGauge.Row.of(Tags.of(spec.column(), state), n)));
            meter.register(rows, true);
        }

        /** Typically the table of a feature whose migration has not run: nothing to export, said once. */
        private void missing(String why) {
            if (!missingLogged) {
                LOG.info("Gauge {} not exported: cannot count {}.{} ({})", spec.metric(), spec.table(), spec.column(),
                        why);
                missingLogged = true;
            }
            counts = Map.of();
            meter.register(List.of(), true);
        }

        private boolean tableExists() {
            return jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = :t")
                    .param("t", spec.table()).query(Long.class).single() > 0;
        }
    }
}
