package io.flexhub.forecast;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Forecasts used by nightly runs, whatever their source: the record of what was planned on and the hub's history. */
@Repository
public class ForecastStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcClient jdbc;

    public ForecastStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(SiteForecast f, LocalDate day) {
        jdbc.sql("INSERT INTO site_forecast (site_id, forecast_day, start_at, isp_duration, provenance, pv_kw, load_kw, "
                        + "detail, issued_at) VALUES (:site, :day, :start, :isp, :prov, :pv, :load, :detail, :issued)")
                .param("site", f.siteId()).param("day", day).param("start", ts(f.start()))
                .param("isp", f.isp().toString()).param("prov", f.provenance().name())
                .param("pv", write(f.pvKw())).param("load", write(f.loadKw())).param("detail", f.detail())
                .param("issued", ts(f.issuedAt())).update();
    }

    /** The latest forecast stored for each of the given days (e.g. the same weekday of past weeks). */
    public List<SiteForecast> latestFor(String siteId, List<LocalDate> days) {
        return days.stream().map(d -> latest(siteId, d)).flatMap(Optional::stream).toList();
    }

    public Optional<SiteForecast> latest(String siteId, LocalDate day) {
        return jdbc.sql("SELECT * FROM site_forecast WHERE site_id = :site AND forecast_day = :day ORDER BY id DESC LIMIT 1")
                .param("site", siteId).param("day", day).query(ForecastStore::map).optional();
    }

    /** The latest forecast stored for each day of {@code from..to} that has one, in day order (one query). */
    public List<SiteForecast> latestBetween(String siteId, LocalDate from, LocalDate to) {
        List<SiteForecast> out = new java.util.ArrayList<>();
        java.util.Set<LocalDate> seen = new java.util.HashSet<>();
        jdbc.sql("SELECT * FROM site_forecast WHERE site_id = :site AND forecast_day BETWEEN :from AND :to "
                        + "ORDER BY forecast_day, id DESC")
                .param("site", siteId).param("from", from).param("to", to)
                .query((rs, row) -> {
                    if (seen.add(rs.getObject("forecast_day", LocalDate.class))) {
                        out.add(map(rs, row));
                    }
                    return null;
                }).list();
        return out;
    }

    private static SiteForecast map(ResultSet rs, int row) throws SQLException {
        return new SiteForecast(rs.getString("site_id"), rs.getObject("start_at", OffsetDateTime.class).toInstant(),
                Duration.parse(rs.getString("isp_duration")), read(rs.getString("pv_kw")), read(rs.getString("load_kw")),
                Provenance.valueOf(rs.getString("provenance")),
                rs.getObject("issued_at", OffsetDateTime.class).toInstant(), rs.getString("detail"));
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    static String write(double[] values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[] read(String json) {
        try {
            return JSON.readValue(json, double[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored forecast is not a JSON array of numbers", e);
        }
    }
}
