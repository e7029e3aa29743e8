#!/usr/bin/python3
"""Writes the self-consumption optimizer's test fixtures: instances and the Python reference's answers.

Run from the repository root with Debian's interpreter (needs python3-scipy):

    /usr/bin/python3 scripts/selfconsumption-fixtures.py [--bench /work/shared/bench]

Instances: the three shared ones (copied) and the edge cases of optimization.md section 4.4, built
from gen_instances.py's generator with fixed seeds (so the files are reproducible). Expected
outputs: for every instance and both objectives, the reference CLI's output line
(`ref_selfconsumption.py <instance> --mode per-building --objective ...`) plus, per building, the
objective value from the reference's own solve_instance() (the CLI prints objective_total only in
joint mode). The Java tests read these files; they never run Python.

Edge cases whose input the reference does not handle the way the hub does are fed to it in the
equivalent form the hub derives:
  * edge_midnight: a session window [80, 32) crosses midnight. The hub plans its morning part
    [0, 32) (section 3.1 notes); the reference drops a window with arrival > departure, so it gets
    the pre-split file edge_midnight.split.json.
Instances on which the reference has no solution (it has no elastic fallback) are solved by it
anyway and the expected file records its status, so the test can show the difference.
"""
import argparse
import copy
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "test", "resources", "fixtures", "selfconsumption")
OBJECTIVES = ("cost", "selfconsumption")


def edge_instances(gen):
    prices = gen.tou_2_0td(False)

    def one(name, seed, **kw):
        rng = gen.random.Random(seed)
        defaults = dict(pv_kwh=320.0, load_kwh=350.0, n_buggies=2, battery=False, midday=True, clearness=0.95)
        defaults.update(kw)
        b = gen.make_building(rng, "edge-b0", prices, 12.0, **defaults)
        return gen.doc(name, seed, [b], False)

    docs = {}

    d = one("edge_ev_above_socmax", 101)
    night = d["buildings"][0]["evs"][0]
    night.update(soc0=0.97, soc_max=0.9)            # arrives fuller than it may be charged
    docs[d["name"]] = d

    d = one("edge_ev_unreachable", 102)
    midday = d["buildings"][0]["evs"][1]
    a = midday["available"][0]
    midday.update(available=[a, a + 4], soc0=0.1, required_kwh_by_departure=round(0.95 * midday["capacity_kwh"], 2))
    docs[d["name"]] = d

    d = one("edge_zero_pv", 103, battery=True)
    d["buildings"][0]["pv_kw"] = [0.0] * gen.N_ISP
    docs[d["name"]] = d

    d = one("edge_export_cap0", 104, load_kwh=150.0, battery=True)
    d["buildings"][0]["grid"]["export_max_kw"] = 0.0  # PV surplus must be stored, used or curtailed
    docs[d["name"]] = d

    d = one("edge_midnight", 105)
    ev = d["buildings"][0]["evs"][0]
    ev.update(available=[80, 32])                     # plugged 20:00, leaves 08:00
    docs[d["name"]] = d

    d = one("edge_battery_at_socmin", 106, battery=True)
    bat = d["buildings"][0]["battery"]
    bat["soc0"] = bat["soc_min"]
    docs[d["name"]] = d

    d = one("edge_battery_final_target", 107, battery=True)
    d["buildings"][0]["battery"]["soc_final_min"] = 0.8
    docs[d["name"]] = d

    # Export paid above the import price at midday, and at night a negative import price with a
    # negative export price: the only tariffs under which the LP optimum imports and exports
    # (midday arbitrage), or charges and discharges (burning paid-for import), at once.
    d = one("edge_inverted_prices", 108, battery=True)
    b = d["buildings"][0]
    for t in range(gen.N_ISP):
        if 48 <= t < 52:
            b["export_price"][t] = 0.30
        if t < 4:
            b["import_price"][t] = -0.02
            b["export_price"][t] = -0.01
    b["battery"]["soc0"] = b["battery"]["soc_max"]  # full: paid import can only be burnt by cycling
    for e in b["evs"]:
        e["min_kw"] = 0.0                             # so that --mip adds only direction binaries
    docs[d["name"]] = d

    rng = gen.random.Random(109)
    bs = [gen.make_building(rng, f"p{j}", prices, 12.0) for j in range(3)]
    bs[1]["battery"] = gen.make_battery(rng, 600.0)
    docs["edge_portfolio3_feeder"] = gen.doc("edge_portfolio3_feeder", 109, bs, False,
                                             aggregate={"import_max_kw": None, "export_max_kw": 20.0})
    return docs


def generated_instances(gen):
    """Portfolios drawn like campus1000's buildings with other seeds, tariffs and PV peaks."""
    docs = {}
    for name, seed, weekend, peak, n in (("gen_weekend20_seed7", 7, True, 14.0, 20),
                                         ("gen_workday20_seed11", 11, False, 11.0, 20)):
        rng = gen.random.Random(seed)
        prices = gen.tou_2_0td(weekend)
        docs[name] = gen.doc(name, seed, [gen.make_building(rng, f"g{j:03d}", prices, peak) for j in range(n)], weekend)
    return docs


def split_midnight(doc):
    """The hub's reading of a midnight-crossing window, written out for the reference."""
    d = copy.deepcopy(doc)
    for b in d["buildings"]:
        for e in b["evs"]:
            a, dep = e["available"]
            if a > dep:
                e["available"] = [0, dep]
    d["name"] = doc["name"] + ".split"
    return d


def expected(ref, bench, path, objective, mip):
    cmd = ["/usr/bin/python3", os.path.join(bench, "ref_selfconsumption.py"), path,
           "--mode", "per-building", "--objective", objective]
    if mip:
        cmd.append("--mip")
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    with open(path) as f:
        inst = json.load(f)
    per = []
    for k, b in enumerate(ref.as_buildings(inst)[0]):
        status, x, obj, idx, _size, _tb, _st, _ex = ref.solve_instance(
            inst, "highs", objective, mip, None, 1e-4, k)
        entry = {"id": b["id"], "status": status, "objective_total": obj}
        if x is not None:
            tot, _ = ref.evaluate(x, idx)
            entry.update(cost_eur=tot["cost"], ev_unmet_kwh=tot["unmet"], import_kwh=tot["imp"])
        per.append(entry)
    for key in ("build_time_s", "solve_time_s", "total_time_s", "read_time_s", "per_building_solve_s"):
        out.pop(key, None)                            # timings are not expectations
    return {"reference_command": " ".join(["ref_selfconsumption.py", os.path.basename(path)] + cmd[3:]),
            "reference": out,
            "objective_total": sum(p["objective_total"] for p in per if p["objective_total"] is not None),
            "buildings": per}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default="/work/shared/bench")
    ap.add_argument("--only", nargs="*", help="write only these instances (and their expectations)")
    a = ap.parse_args()
    sys.path.insert(0, a.bench)
    import gen_instances as gen
    import ref_selfconsumption as ref

    inst_dir = os.path.join(OUT, "instances")
    exp_dir = os.path.join(OUT, "expected")
    os.makedirs(inst_dir, exist_ok=True)
    os.makedirs(exp_dir, exist_ok=True)

    docs = {}
    for name in ("campus1_ev1", "campus1_ev4_batt", "campus100"):
        with open(os.path.join(a.bench, "instances", name + ".json")) as f:
            docs[name] = json.load(f)
    docs.update(edge_instances(gen))
    docs["edge_midnight.split"] = split_midnight(docs["edge_midnight"])
    docs.update(generated_instances(gen))
    if a.only:
        docs = {k: v for k, v in docs.items() if k in a.only}

    for name, d in docs.items():
        with open(os.path.join(inst_dir, name + ".json"), "w") as f:
            json.dump(d, f, separators=(",", ":"))

    for name in docs:
        if name == "edge_midnight":
            continue                                  # expectation comes from the split file
        path = os.path.join(inst_dir, name + ".json")
        mip = name == "edge_inverted_prices"
        for objective in OBJECTIVES:
            e = expected(ref, a.bench, path, objective, mip)
            e["reference_command"] = e["reference_command"].replace(os.path.dirname(path) + "/", "")
            with open(os.path.join(exp_dir, f"{name}.{objective}.json"), "w") as f:
                json.dump(e, f, indent=1)
            print(name, objective, e["reference"]["status"], e["objective_total"])
        if mip:                                       # the plain LP too, to show it is not executable
            e = expected(ref, a.bench, path, "cost", False)
            with open(os.path.join(exp_dir, f"{name}.cost.lp.json"), "w") as f:
                json.dump(e, f, indent=1)
            print(name, "cost LP", e["reference"]["status"], e["objective_total"],
                  e["reference"]["max_simultaneous_import_export_kw"],
                  e["reference"]["max_simultaneous_charge_discharge_kw"])


if __name__ == "__main__":
    main()
