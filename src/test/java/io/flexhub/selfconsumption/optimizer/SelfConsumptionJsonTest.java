package io.flexhub.selfconsumption.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SelfConsumptionJsonTest {

    private final SelfConsumptionJson json = new SelfConsumptionJson();

    @Test
    void should_read_one_building_as_a_portfolio_of_one_when_the_document_has_no_buildings() {
        String doc = """
                {"id": "b1", "n_isp": 2, "isp_minutes": 30,
                 "pv_kw": [0, 5], "load_kw": [1, 1], "import_price": [0.2, 0.2], "export_price": [0.05, 0.05],
                 "evs": [{"id": "e1", "capacity_kwh": 10, "soc0": 0.2, "max_kw": 3,
                          "available": [0, 2], "required_kwh_by_departure": 4}],
                 "battery": {"capacity_kwh": 10, "soc0": 0.5, "max_charge_kw": 5, "max_discharge_kw": 5,
                             "roundtrip_eff": 0.81}}
                """;

        Portfolio p = json.read(doc);

        assertThat(p.name()).isEqualTo("b1");
        assertThat(p.isps()).isEqualTo(2);
        assertThat(p.ispHours()).isEqualTo(0.5);
        Building b = p.buildings().get(0);
        assertThat(b.grid().isUnlimited()).isTrue();
        EvSession e = b.evs().get(0);
        assertThat(e.chargeEff()).isEqualTo(0.92);
        assertThat(e.socMax()).isEqualTo(1.0);
        assertThat(e.minKw()).isEqualTo(0.0);
        assertThat(e.surplusValueEurPerKwh()).isNull();
        assertThat(b.battery().chargeEff()).isCloseTo(0.9, within(1e-12));
        assertThat(b.battery().dischargeEff()).isCloseTo(0.9, within(1e-12));
        assertThat(b.battery().socMin()).isEqualTo(0.0);
        assertThat(b.battery().finalMinEnergyKwh()).isEqualTo(0.0);
    }

    @Test
    void should_accept_a_limit_per_isp_when_the_grid_limit_is_an_array() {
        String doc = """
                {"n_isp": 2, "aggregate": {"import_max_kw": null, "export_max_kw": 7},
                 "buildings": [{"id": "b1", "pv_kw": [0, 5], "load_kw": [1, 1], "import_price": [0.2, 0.2],
                                "export_price": [0.05, 0.05], "grid": {"import_max_kw": [3, 4], "export_max_kw": null},
                                "battery": null}]}
                """;

        Portfolio p = json.read(doc);

        GridLimits g = p.buildings().get(0).grid();
        assertThat(g.importMax(1)).isEqualTo(4.0);
        assertThat(g.exportMax(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(p.aggregate().exportMax(0)).isEqualTo(7.0);
        assertThat(p.aggregate().importMaxKw()).isNull();
    }

    @Test
    void should_name_building_and_key_when_a_series_has_the_wrong_length() {
        String doc = """
                {"n_isp": 3, "buildings": [{"id": "b7", "pv_kw": [0, 5], "load_kw": [1, 1, 1],
                 "import_price": [0.2, 0.2, 0.2], "export_price": [0.05, 0.05, 0.05]}]}
                """;

        assertThatThrownBy(() -> json.read(doc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("building b7 pv_kw: expected 3 numbers");
    }

    @Test
    void should_write_every_reference_key_when_a_result_is_serialised() {
        JsonNode reference = Fixtures.expected("campus1_ev4_batt.cost.json").get("reference");
        SelfConsumptionResult result = new SelfConsumptionOptimizer()
                .optimize(Fixtures.instance("campus1_ev4_batt"), SelfConsumptionOptions.cost());

        ObjectNode out = json.toJson(result, true);

        assertThat(names(out)).containsAll(names(reference));
        assertThat(names(out.get("baseline_rule_based"))).containsAll(names(reference.get("baseline_rule_based")));
        JsonNode schedule = out.get("buildings").get(0).get("schedule");
        assertThat(names(schedule)).containsExactly("gin", "gout", "curt", "ev", "bat");
        assertThat(schedule.get("ev")).hasSize(8);
        assertThat(schedule.get("bat").get("E")).hasSize(96);
        assertThat(out.get("buildings").get(0).get("pv_surplus_kw")).hasSize(96);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
