package io.flexhub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.flexhub.support.EmbeddedPostgres;

/** The one lease claim of the work tables, on both databases the hub runs on. */
class LeaseClaimTest {

    static final Instant T = Instant.parse("2026-03-29T12:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(1);

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", "jdbc:h2:mem:lease-" + System.nanoTime()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa"),
                Arguments.of("PostgreSQL", EmbeddedPostgres.newDatabase(), "postgres"));
    }

    private static JdbcClient table(String url, String user, int rows) {
        DataSource ds = new DriverManagerDataSource(url, user, "");
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("CREATE TABLE work (id BIGINT PRIMARY KEY, status VARCHAR(16) NOT NULL, "
                + "next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL, locked_by VARCHAR(64), "
                + "locked_until TIMESTAMP WITH TIME ZONE)").update();
        for (long id = 1; id <= rows; id++) {
            // later ids fall due earlier: the claim's order, not the insertion order, decides
            jdbc.sql("INSERT INTO work (id, status, next_attempt_at) VALUES (:id, 'PENDING', :at)").param("id", id)
                    .param("at", T.minusSeconds(id).atOffset(ZoneOffset.UTC)).update();
        }
        return jdbc;
    }

    private static LeaseClaim<Long> lease(JdbcClient jdbc) {
        return LeaseClaim.of(jdbc, "work", "id", Long.class)
                .due("(status = 'PENDING' AND next_attempt_at <= :now) OR status = 'SENDING'")
                .onClaim("status = 'SENDING'")
                .order("next_attempt_at, id")
                .build();
    }

    private static String holder(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT locked_by FROM work WHERE id = :id").param("id", id).query((rs, n) -> String.valueOf(rs.getString(1))).single();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void two_claimers_never_get_the_same_row(String name, String url, String user) throws Exception {
        int rows = 300;
        JdbcClient jdbc = table(url, user, rows);
        LeaseClaim<Long> lease = lease(jdbc);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> claimers = new ArrayList<>();
            for (String instance : List.of("hub-a", "hub-b")) {
                Callable<List<Long>> claimer = () -> {
                    List<Long> mine = new ArrayList<>();
                    // bounded: a claim that ignored the lease would find the same rows due forever
                    for (int round = 0; round < rows && !lease.due(T, 1).isEmpty(); round++) {
                        mine.addAll(lease.claimDue(instance, T, T.plus(LEASE), 7));
                    }
                    return mine;
                };
                claimers.add(pool.submit(claimer));
            }
            List<Long> a = claimers.get(0).get();
            List<Long> b = claimers.get(1).get();

            Set<Long> both = new HashSet<>(a);
            both.retainAll(b);
            assertThat(both).as("rows claimed by both instances").isEmpty();
            assertThat(a.size() + b.size()).isEqualTo(rows);
            assertThat(a).allSatisfy(id -> assertThat(holder(jdbc, id)).isEqualTo("hub-a"));
            assertThat(b).allSatisfy(id -> assertThat(holder(jdbc, id)).isEqualTo("hub-b"));
        } finally {
            pool.shutdownNow();
        }
        // a third instance asking for a row one of them holds
        assertThat(lease.claim(1L, "hub-c", T, T.plus(LEASE))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_live_lease_holds_and_an_expired_one_is_claimed_again(String name, String url, String user) {
        JdbcClient jdbc = table(url, user, 3);
        LeaseClaim<Long> lease = lease(jdbc);

        assertThat(lease.due(T, 10)).containsExactly(3L, 2L, 1L);
        assertThat(lease.claimDue("hub-a", T, T.plus(LEASE), 2)).containsExactly(3L, 2L);
        assertThat(jdbc.sql("SELECT status FROM work WHERE id = 3").query(String.class).single()).isEqualTo("SENDING");

        Instant live = T.plus(LEASE).minusSeconds(1);
        assertThat(lease.due(live, 10)).containsExactly(1L);
        assertThat(lease.claim(3L, "hub-b", live, live.plus(LEASE))).isFalse();
        assertThat(lease.claimHeldByNobody(2L, "hub-b", live, live.plus(LEASE))).isFalse();
        assertThat(holder(jdbc, 3L)).isEqualTo("hub-a");

        Instant expired = T.plus(LEASE).plusSeconds(1);
        assertThat(lease.due(expired, 10)).containsExactly(3L, 2L, 1L);
        assertThat(lease.claim(3L, "hub-b", expired, expired.plus(LEASE))).isTrue();
        assertThat(holder(jdbc, 3L)).isEqualTo("hub-b");
        assertThat(lease.claim(3L, "hub-a", expired, expired.plus(LEASE))).isFalse();

        // only the holder gives a row back; once given back it is free
        assertThat(lease.release(3L, "hub-a")).isFalse();
        assertThat(lease.release(3L, "hub-b")).isTrue();
        assertThat(lease.claimHeldByNobody(3L, "hub-a", expired, expired.plus(LEASE))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_row_not_due_yet_is_not_claimed(String name, String url, String user) {
        JdbcClient jdbc = table(url, user, 2);
        LeaseClaim<Long> lease = lease(jdbc);
        Instant before = T.minusSeconds(1).minusMillis(500);

        assertThat(lease.due(before, 10)).containsExactly(2L);
        assertThat(lease.claim(1L, "hub-a", before, before.plus(LEASE))).isFalse();
        assertThat(lease.claimDue("hub-a", before, before.plus(LEASE), 10)).containsExactly(2L);
        assertThat(holder(jdbc, 1L)).isEqualTo("null");
    }
}
