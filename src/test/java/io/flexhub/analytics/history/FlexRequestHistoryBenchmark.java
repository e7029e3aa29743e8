package io.flexhub.analytics.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.flexhub.demo.DemoFlexRequestArchive;
import io.flexhub.support.EmbeddedPostgres;

/**
 * What the grid-pattern model reads: every congestion point's days through {@link FlexRequestHistoryStore}, for
 * 100 points x 3 years of the demo DSO's pattern (about 200 request days and 40 revisions a year each), on H2 (the
 * embedded default: a database file in PostgreSQL mode as the hub runs it; {@code h2-mem} in memory) or on an
 * embedded PostgreSQL. Not a unit test: run with
 * {@code scripts/bench-history.sh [h2|h2-mem|postgres] [points] [years] [passes] [runs|rows]}; {@code rows} reads
 * the ISP rows of V21 instead of the runs of V22.
 */
public final class FlexRequestHistoryBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Duration PT15M = Duration.ofMinutes(15);

    private FlexRequestHistoryBenchmark() {
    }

    public static void main(String[] args) {
        String database = args.length > 0 ? args[0] : "h2";
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int years = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        DataSource dataSource = dataSource(database);
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/"
                        + (database.startsWith("h2") ? "h2" : "postgresql"))
                .load().migrate();
        JdbcTemplate template = new JdbcTemplate(dataSource);
        FlexRequestHistoryStore store = new FlexRequestHistoryStore(JdbcClient.create(dataSource), template, ZONE, PT15M);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        LocalDate to = LocalDate.of(2025, 12, 31);
        LocalDate from = to.minusYears(years).plusDays(1);
        long started = System.nanoTime();
        long requests = 0;
        for (int p = 0; p < points; p++) {
            String cp = String.format("ean.8716859%012d", p);
            List<FlexRequest> generated = new DemoFlexRequestArchive(cp, "dso.bench.example", "agr.bench.example", ZONE,
                    PT15M).requests(from, to);
            tx.executeWithoutResult(status -> generated.forEach(r -> store.store(FlexRequestRecord.of(r),
                    FlexRequestHistoryStore.IMPORTED, Instant.now())));
            requests += generated.size();
        }
        if (args.length > 4 && args[4].equals("rows")) {
            // as if another writer had stored them: the reader falls back to the ISP rows of V21
            template.update("UPDATE flex_request_history SET isp_runs = NULL");
        }
        long isps = template.queryForObject("SELECT COUNT(*) FROM flex_request_history_isp", Long.class);
        System.out.printf("%s: stored %d requests (%d ISP rows) for %d points x %d years (%s..%s) in %.1f s%n",
                database, requests, isps, points, years, from, to, (System.nanoTime() - started) / 1e9);

        List<Double> seconds = new ArrayList<>();
        for (int pass = 1; pass <= passes; pass++) {
            long t0 = System.nanoTime();
            long days = 0;
            long ispCount = 0;
            long requested = 0;
            for (String cp : store.congestionPoints()) {
                for (CongestionDay day : store.days(cp, from, to)) {
                    days++;
                    ispCount += day.ispCount();
                    for (CongestionDay.Isp isp : day.isps()) {
                        if (isp.requested()) {
                            requested++;
                        }
                    }
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.add(s);
            System.out.printf("pass %d: %d points, %d days, %d ISPs (%d requested) read in %.2f s%n", pass,
                    points, days, ispCount, requested, s);
        }
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        System.out.printf("%s: all days of %d points x %d years: first pass %.2f s, median %.2f s, best %.2f s"
                + " (%.1f ms per point)%n", database, points, years, seconds.get(0), sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(0) * 1000 / points);
        System.exit(0);
    }

    /** A pool as the hub has: without one every query opens a connection, and H2 reopens its file each time. */
    private static DataSource dataSource(String database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(unpooled(database));
        pool.setMaximumPoolSize(2);
        return pool;
    }

    private static DataSource unpooled(String database) {
        if (database.equals("postgres")) {
            return new DriverManagerDataSource(EmbeddedPostgres.newDatabase(), "postgres", "");
        }
        JdbcDataSource h2 = new JdbcDataSource();
        String flags = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        if (database.equals("h2-mem")) {
            h2.setURL("jdbc:h2:mem:history-bench" + flags + ";DB_CLOSE_DELAY=-1");
        } else {
            // a file as the hub keeps it (flexhub.data-dir): an in-memory database of this size competes with the
            // days read for the heap
            try {
                Path dir = Files.createTempDirectory("history-bench");
                h2.setURL("jdbc:h2:file:" + dir.resolve("flexhub") + flags + ";WRITE_DELAY=0");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        h2.setUser("sa");
        return h2;
    }
}
