package io.flexhub.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lease claim of a work table: which rows are due, and taking one for this instance (a {@link HubInstance} id)
 * until a given instant. Each store that owns a work table holds one and keeps its own outcome updates.
 * <p>
 * A claim is one conditional UPDATE ("due and no live lease"), committed on its own, rather than a
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}: the same SQL runs on H2 and PostgreSQL, no row lock is held while the
 * work runs, and of two instances updating the same row the database lets only one match the condition. An
 * instance that dies mid-work only delays its rows by the lease; a row whose lease ran out is due again.
 * <p>
 * The SQL fragments given to the builder are the store's own constants, never input. In {@code due} the current
 * instant is {@code :now}.
 *
 * @param <K> the key column's Java type
 */
public final class LeaseClaim<K> {

    private final JdbcClient jdbc;
    private final String table;
    private final String key;
    private final Class<K> keyType;
    private final String owner;
    private final String until;
    private final String due;
    private final String order;
    private final String onClaim;

    private LeaseClaim(Builder<K> b) {
        this.jdbc = Objects.requireNonNull(b.jdbc);
        this.table = Objects.requireNonNull(b.table);
        this.key = Objects.requireNonNull(b.key);
        this.keyType = Objects.requireNonNull(b.keyType);
        this.owner = b.owner;
        this.until = b.until;
        this.due = Objects.requireNonNull(b.due, "due condition");
        this.order = Objects.requireNonNull(b.order, "order");
        this.onClaim = b.onClaim;
    }

    public static <K> Builder<K> of(JdbcClient jdbc, String table, String keyColumn, Class<K> keyType) {
        return new Builder<>(jdbc, table, keyColumn, keyType);
    }

    /** Keys of due rows no live lease holds, in the table's order. */
    public List<K> due(Instant now, int limit) {
        return due(now, limit, null, Map.of());
    }

    /**
     * As {@link #due(Instant, int)}, narrowed by a further condition of the store (a constant) and its parameters
     * (e.g. "received a while ago", for a recovery poll).
     */
    public List<K> due(Instant now, int limit, String narrowedBy, Map<String, ?> params) {
        String sql = "SELECT " + key + " FROM " + table + " WHERE (" + due + ") AND " + free()
                + (narrowedBy == null ? "" : " AND (" + narrowedBy + ")") + " ORDER BY " + order + " LIMIT :limit";
        return jdbc.sql(sql).params(params).param("now", ts(now)).param("limit", limit).query(keyType).list();
    }

    /** Takes a due row for {@code holder} until {@code leaseUntil}; false if it is not due or another holds it. */
    public boolean claim(K id, String holder, Instant now, Instant leaseUntil) {
        return update(id, holder, now, leaseUntil, "(" + due + ") AND ");
    }

    /** Takes a row whatever its due state, unless a live lease holds it (operator actions on one row). */
    public boolean claimHeldByNobody(K id, String holder, Instant now, Instant leaseUntil) {
        return update(id, holder, now, leaseUntil, "");
    }

    /**
     * Claims up to {@code limit} due rows for {@code holder}, in the table's order; rows another claimer took
     * in between are skipped, so two claimers never get the same row.
     */
    public List<K> claimDue(String holder, Instant now, Instant leaseUntil, int limit) {
        List<K> claimed = new ArrayList<>();
        for (K id : due(now, limit)) {
            if (claim(id, holder, now, leaseUntil)) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /** Gives a row back without an outcome, if {@code holder} still holds it. */
    public boolean release(K id, String holder) {
        return jdbc.sql("UPDATE " + table + " SET " + released() + " WHERE " + key + " = :id AND " + owner + " = :owner")
                .param("id", id).param("owner", holder).update() == 1;
    }

    /** The SET fragment that ends a lease, for the store's own outcome updates. */
    public String released() {
        return owner + " = NULL, " + until + " = NULL";
    }

    private boolean update(K id, String holder, Instant now, Instant leaseUntil, String dueAnd) {
        String sql = "UPDATE " + table + " SET " + (onClaim == null ? "" : onClaim + ", ") + owner + " = :owner, "
                + until + " = :until WHERE " + key + " = :id AND " + dueAnd + free();
        return jdbc.sql(sql).param("owner", holder).param("until", ts(leaseUntil)).param("id", id)
                .param("now", ts(now)).update() == 1;
    }

    private String free() {
        return "(" + until + " IS NULL OR " + until + " < :now)";
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static final class Builder<K> {
        private final JdbcClient jdbc;
        private final String table;
        private final String key;
        private final Class<K> keyType;
        private String owner = "locked_by";
        private String until = "locked_until";
        private String due;
        private String order;
        private String onClaim;

        private Builder(JdbcClient jdbc, String table, String key, Class<K> keyType) {
            this.jdbc = jdbc;
            this.table = table;
            this.key = key;
            this.keyType = keyType;
        }

        /** The columns of the lease holder and its end ({@code locked_by}, {@code locked_until} unless set). */
        public Builder<K> leaseColumns(String ownerColumn, String untilColumn) {
            this.owner = ownerColumn;
            this.until = untilColumn;
            return this;
        }

        /** When a row is work to do, lease aside (SQL condition, may use {@code :now}). */
        public Builder<K> due(String condition) {
            this.due = condition;
            return this;
        }

        /** The order due rows are taken in (SQL ORDER BY list). */
        public Builder<K> order(String orderBy) {
            this.order = orderBy;
            return this;
        }

        /** Further columns a claim sets (SQL SET list, e.g. a status meaning "being worked on"). */
        public Builder<K> onClaim(String assignments) {
            this.onClaim = assignments;
            return this;
        }

        public LeaseClaim<K> build() {
            return new LeaseClaim<>(this);
        }
    }
}
