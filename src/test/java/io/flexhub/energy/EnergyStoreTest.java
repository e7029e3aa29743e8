package io.flexhub.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.flexhub.energy.model.IspGrid;
import io.flexhub.energy.model.SiteIsp;
import io.flexhub.site.DeviceKind;
import io.flexhub.support.EmbeddedPostgres;

/** The energy tables on both databases: upserts are idempotent, readings become ISP means, site rows follow. */
class EnergyStoreTest {

    static final Duration ISP = Duration.ofMinutes(15);
    static final Instant T = Instant.parse("2026-03-29T00:00:00Z");

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", "jdbc:h2:mem:energy-" + System.nanoTime()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "h2"),
                Arguments.of("PostgreSQL", EmbeddedPostgres.newDatabase(), "postgres", "postgresql"));
    }

    private static EnergyStore store(String url, String user, String vendor) {
        DataSource ds = new DriverManagerDataSource(url, user, "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load()
                .migrate();
        return new EnergyStore(ds, new DataSourceTransactionManager(ds));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void should_keep_one_row_per_isp_whatever_is_written_twice(String name, String url, String user, String vendor) {
        EnergyStore store = store(url, user, vendor);
        List<SiteIsp> rows = List.of(new SiteIsp(T, 10, 2, 3, 0, 11), new SiteIsp(T.plus(ISP), 12, 4, 0, 0, 8));
        List<EnergyStore.DeviceIsp> devices = List.of(new EnergyStore.DeviceIsp("ev", "site", DeviceKind.EV_CHARGER, T, 3, 0));
        store.append("site", devices, rows, EnergyStore.Source.SIMULATED);
        // the same stretch again (a second instance), then changed values as upserts
        store.append("site", devices, rows, EnergyStore.Source.SIMULATED);
        store.upsertSites("site", List.of(new SiteIsp(T.plus(ISP), 13, 4, 0, 0, 9)), EnergyStore.Source.SIMULATED);

        IspGrid grid = new IspGrid(T, T.plus(ISP.multipliedBy(4)), ISP);
        EnergyStore.SiteSeries s = store.siteSeries("site", grid);
        assertThat(s.loadKw()).containsExactly(10.0, 13.0, Double.NaN, Double.NaN);
        assertThat(s.gridKw()).containsExactly(11.0, 9.0, Double.NaN, Double.NaN);
        assertThat(store.range("site").orElseThrow()).containsExactly(T, T.plus(ISP));
        assertThat(store.deviceSeries(List.of("ev", "other"), grid)).containsOnlyKeys("ev");
        assertThat(store.deviceSeries(List.of("ev"), grid).get("ev")[0]).isEqualTo(3.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void should_average_readings_per_isp_and_derive_the_site_from_its_meter(String name, String url, String user,
            String vendor) {
        EnergyStore store = store(url, user, vendor);
        store.insertSamples(List.of(new EnergyStore.Sample("ev", T.plusSeconds(60), 4.0),
                new EnergyStore.Sample("ev", T.plusSeconds(600), 8.0), new EnergyStore.Sample("ev", T.plusSeconds(600), 99.0),
                new EnergyStore.Sample("meter", T.plusSeconds(30), 30.0), new EnergyStore.Sample("pv", T.plusSeconds(30), -5.0)));
        store.recomputeDevice("ev", "site", DeviceKind.EV_CHARGER, List.of(T), ISP);
        store.recomputeDevice("meter", "site", DeviceKind.METER, List.of(T), ISP);
        store.recomputeDevice("pv", "site", DeviceKind.PV, List.of(T), ISP);
        store.recomputeSite("site", List.of("ev", "meter", "pv"), List.of(T, T.plus(ISP)));

        assertThat(store.samples("ev", T, T.plus(ISP))).extracting(EnergyStore.Sample::kw).containsExactly(4.0, 8.0);
        EnergyStore.SiteSeries s = store.siteSeries("site", new IspGrid(T, T.plus(ISP.multipliedBy(2)), ISP));
        assertThat(s.evKw()).containsExactly(6.0, Double.NaN);
        assertThat(s.pvKw()).containsExactly(5.0, Double.NaN);
        assertThat(s.gridKw()).containsExactly(30.0, Double.NaN);
        assertThat(s.loadKw()).containsExactly(30.0 + 5.0 - 6.0, Double.NaN);
    }
}
