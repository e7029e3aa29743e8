package io.flexhub.energy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.energy.model.IspGrid;
import io.flexhub.energy.model.SiteIsp;
import io.flexhub.site.DeviceKind;

/**
 * The energy history tables ({@code energy_sample}, {@code energy_device_isp}, {@code energy_site_isp}): the only
 * code that reads or writes them. Writes are idempotent upserts keyed by device or site and ISP, so a repeated
 * notification, a temporal read of the same period, a re-run backfill or a second instance change nothing; the
 * statement differs per database (H2's {@code MERGE ... KEY}, PostgreSQL's {@code ON CONFLICT DO UPDATE}).
 */
@Repository
public class EnergyStore {

    /** Where a site row comes from. */
    public enum Source { MEASURED, SIMULATED }

    /** A device's reading as received, kW (positive = consumption). */
    public record Sample(String deviceId, Instant observedAt, double kw) {
    }

    /** A device's ISP value. */
    public record DeviceIsp(String deviceId, String siteId, DeviceKind kind, Instant start, double kw, int samples) {
    }

    /** A site's measured series on a grid, NaN where no row exists. */
    public record SiteSeries(double[] loadKw, double[] pvKw, double[] evKw, double[] batteryKw, double[] gridKw) {
    }

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgres;

    public EnergyStore(DataSource dataSource, PlatformTransactionManager transactions) {
        this.transactions = new TransactionTemplate(transactions);
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5000);
        try (Connection c = dataSource.getConnection()) {
            this.postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the database product", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- writes

    /**
     * Device and site rows of a stretch that normally has none yet (the simulated meter going forward), in one
     * transaction: plain inserts, about twice as fast as upserts; should another instance have written the stretch
     * meanwhile, it is written again as upserts.
     */
    public void append(String siteId, Collection<DeviceIsp> devices, Collection<SiteIsp> sites, Source source) {
        try {
            transactions.executeWithoutResult(status -> {
                batch("INSERT INTO energy_device_isp (device_id, isp_start, site_id, kind, kw, samples) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", new ArrayList<>(devices), EnergyStore::setDevice);
                batch("INSERT INTO energy_site_isp (site_id, isp_start, load_kw, pv_kw, ev_kw, battery_kw, grid_kw, "
                        + "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new ArrayList<>(sites), (ps, r) -> setSite(ps, siteId, r, source));
            });
        } catch (org.springframework.dao.DuplicateKeyException written) {
            transactions.executeWithoutResult(status -> {
                upsertDevices(devices);
                upsertSites(siteId, sites, source);
            });
        }
    }

    public void upsertSites(String siteId, Collection<SiteIsp> rows, Source source) {
        String sql = postgres
                ? "INSERT INTO energy_site_isp (site_id, isp_start, load_kw, pv_kw, ev_kw, battery_kw, grid_kw, source) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, isp_start) DO UPDATE SET "
                        + "load_kw = EXCLUDED.load_kw, pv_kw = EXCLUDED.pv_kw, ev_kw = EXCLUDED.ev_kw, "
                        + "battery_kw = EXCLUDED.battery_kw, grid_kw = EXCLUDED.grid_kw, source = EXCLUDED.source"
                : "MERGE INTO energy_site_isp (site_id, isp_start, load_kw, pv_kw, ev_kw, battery_kw, grid_kw, source) "
                        + "KEY (site_id, isp_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        batch(sql, new ArrayList<>(rows), (ps, r) -> setSite(ps, siteId, r, source));
    }

    private static void setSite(PreparedStatement ps, String siteId, SiteIsp r, Source source) throws SQLException {
        ps.setString(1, siteId);
        ps.setObject(2, ts(r.start()));
        ps.setDouble(3, r.loadKw());
        ps.setDouble(4, r.pvKw());
        ps.setDouble(5, r.evKw());
        ps.setDouble(6, r.batteryKw());
        ps.setDouble(7, r.gridKw());
        ps.setString(8, source.name());
    }

    private static void setDevice(PreparedStatement ps, DeviceIsp r) throws SQLException {
        ps.setString(1, r.deviceId());
        ps.setObject(2, ts(r.start()));
        ps.setString(3, r.siteId());
        ps.setString(4, r.kind().name());
        ps.setDouble(5, r.kw());
        ps.setInt(6, r.samples());
    }

    public void upsertDevices(Collection<DeviceIsp> rows) {
        String sql = postgres
                ? "INSERT INTO energy_device_isp (device_id, isp_start, site_id, kind, kw, samples) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (device_id, isp_start) DO UPDATE SET site_id = EXCLUDED.site_id, "
                        + "kind = EXCLUDED.kind, kw = EXCLUDED.kw, samples = EXCLUDED.samples"
                : "MERGE INTO energy_device_isp (device_id, isp_start, site_id, kind, kw, samples) "
                        + "KEY (device_id, isp_start) VALUES (?, ?, ?, ?, ?, ?)";
        batch(sql, new ArrayList<>(rows), EnergyStore::setDevice);
    }

    /** Stores readings not stored yet (the first of two readings of a device at the same instant wins). */
    public void insertSamples(Collection<Sample> samples) {
        batch("INSERT INTO energy_sample (device_id, observed_at, kw) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                new ArrayList<>(samples), (ps, s) -> {
                    ps.setString(1, s.deviceId());
                    ps.setObject(2, ts(s.observedAt()));
                    ps.setDouble(3, s.kw());
                });
    }

    /**
     * Sets each given ISP of the device to the mean of its readings there; an ISP without readings is left as it is.
     */
    public void recomputeDevice(String deviceId, String siteId, DeviceKind kind, Collection<Instant> ispStarts,
            Duration isp) {
        List<DeviceIsp> rows = new ArrayList<>();
        for (Instant start : new TreeSet<>(ispStarts)) {
            jdbc.query("SELECT AVG(kw) AS kw, COUNT(*) AS n FROM energy_sample WHERE device_id = ? AND observed_at >= ? "
                    + "AND observed_at < ?", rs -> {
                        long n = rs.getLong("n");
                        if (n > 0) {
                            rows.add(new DeviceIsp(deviceId, siteId, kind, start, rs.getDouble("kw"), (int) n));
                        }
                    }, deviceId, ts(start), ts(start.plus(isp)));
        }
        upsertDevices(rows);
    }

    /**
     * Derives the site rows of the given ISPs from its device rows: a meter gives the grid (and the load is what it
     * measured beyond PV, EV charging and the battery); without one the grid is the balance of the devices.
     */
    public void recomputeSite(String siteId, Collection<String> deviceIds, Collection<Instant> ispStarts) {
        List<SiteIsp> rows = new ArrayList<>();
        List<String> ids = List.copyOf(deviceIds);
        if (ids.isEmpty()) {
            return;
        }
        String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        for (Instant start : new TreeSet<>(ispStarts)) {
            Map<DeviceKind, Double> byKind = new EnumMap<>(DeviceKind.class);
            List<Object> args = new ArrayList<>(ids);
            args.add(ts(start));
            args.add(siteId);
            jdbc.query("SELECT kind, SUM(kw) AS kw FROM energy_device_isp WHERE device_id IN (" + in + ") "
                    + "AND isp_start = ? AND site_id = ? GROUP BY kind", rs -> {
                        byKind.put(DeviceKind.valueOf(rs.getString("kind")), rs.getDouble("kw"));
                    }, args.toArray());
            if (byKind.isEmpty()) {
                continue;
            }
            double pv = Math.max(0.0, -byKind.getOrDefault(DeviceKind.PV, 0.0));
            double ev = byKind.getOrDefault(DeviceKind.EV_CHARGER, 0.0);
            double battery = byKind.getOrDefault(DeviceKind.BATTERY, 0.0);
            double consumers = byKind.getOrDefault(DeviceKind.THERMOSTAT, 0.0)
                    + byKind.getOrDefault(DeviceKind.SMART_PLUG, 0.0) + byKind.getOrDefault(DeviceKind.OTHER, 0.0);
            Double meter = byKind.get(DeviceKind.METER);
            double grid = meter != null ? meter : SiteIsp.balance(consumers, pv, ev, battery);
            double load = meter != null ? Math.max(0.0, meter + pv - ev - battery) : consumers;
            rows.add(new SiteIsp(start, load, pv, ev, battery, grid));
        }
        upsertSites(siteId, rows, Source.MEASURED);
    }

    // ---------------------------------------------------------------------------------------------- reads

    /** The site's rows on the grid's ISPs. */
    public SiteSeries siteSeries(String siteId, IspGrid grid) {
        double[] load = grid.empty();
        double[] pv = grid.empty();
        double[] ev = grid.empty();
        double[] battery = grid.empty();
        double[] meter = grid.empty();
        jdbc.query("SELECT isp_start, load_kw, pv_kw, ev_kw, battery_kw, grid_kw FROM energy_site_isp "
                + "WHERE site_id = ? AND isp_start >= ? AND isp_start < ?", rs -> {
                    int i = grid.index(instant(rs.getTimestamp(1)));
                    if (i >= 0) {
                        load[i] = rs.getDouble(2);
                        pv[i] = rs.getDouble(3);
                        ev[i] = rs.getDouble(4);
                        battery[i] = rs.getDouble(5);
                        meter[i] = rs.getDouble(6);
                    }
                }, siteId, ts(grid.start()), ts(grid.at(grid.size())));
        return new SiteSeries(load, pv, ev, battery, meter);
    }

    /** Each of these devices that has rows on the grid, with its values (NaN where it has no row). */
    public Map<String, double[]> deviceSeries(Collection<String> deviceIds, IspGrid grid) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String id : deviceIds) {
            double[] v = grid.empty();
            boolean[] any = new boolean[1];
            jdbc.query("SELECT isp_start, kw FROM energy_device_isp WHERE device_id = ? AND isp_start >= ? "
                    + "AND isp_start < ?", rs -> {
                        int i = grid.index(instant(rs.getTimestamp(1)));
                        if (i >= 0) {
                            v[i] = rs.getDouble(2);
                            any[0] = true;
                        }
                    }, id, ts(grid.start()), ts(grid.at(grid.size())));
            if (any[0]) {
                out.put(id, v);
            }
        }
        return out;
    }

    /** First and last ISP start of the site's rows. */
    public Optional<Instant[]> range(String siteId) {
        return jdbc.query("SELECT MIN(isp_start), MAX(isp_start) FROM energy_site_isp WHERE site_id = ?", rs -> {
            if (!rs.next() || rs.getTimestamp(1) == null) {
                return Optional.<Instant[]>empty();
            }
            return Optional.of(new Instant[] {instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))});
        }, siteId);
    }

    /** The ISP starts in {@code [from, to)} at which the device has a row. */
    public TreeSet<Instant> deviceIsps(String deviceId, Instant from, Instant to) {
        TreeSet<Instant> out = new TreeSet<>();
        jdbc.query("SELECT isp_start FROM energy_device_isp WHERE device_id = ? AND isp_start >= ? AND isp_start < ?",
                rs -> {
                    out.add(instant(rs.getTimestamp(1)));
                }, deviceId, ts(from), ts(to));
        return out;
    }

    /** Readings stored for the device in {@code [from, to)}, oldest first. */
    public List<Sample> samples(String deviceId, Instant from, Instant to) {
        return jdbc.query("SELECT observed_at, kw FROM energy_sample WHERE device_id = ? AND observed_at >= ? "
                + "AND observed_at < ? ORDER BY observed_at", (rs, n) -> new Sample(deviceId,
                        instant(rs.getTimestamp(1)), rs.getDouble(2)), deviceId, ts(from), ts(to));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private interface Setter<T> {
        void set(PreparedStatement ps, T row) throws SQLException;
    }

    private <T> void batch(String sql, List<T> rows, Setter<T> setter) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
            jdbc.batchUpdate(sql, new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    setter.set(ps, chunk.get(i));
                }

                @Override
                public int getBatchSize() {
                    return chunk.size();
                }
            });
        }
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }
}
