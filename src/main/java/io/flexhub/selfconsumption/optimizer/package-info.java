/**
 * Nightly self-consumption optimiser: PV + EV charging sessions + optional stationary battery, one
 * day of 96 ISPs, per building, as the LP of section 3.1 of {@code reference/optimization.md}.
 * Plain Java (ojAlgo and Jackson only, no Camel or Spring) so that the Camel-facing adapter stays
 * thin and the optimiser runs as is in tests and benchmarks.
 *
 * <p>Entry points: {@link io.flexhub.selfconsumption.optimizer.SelfConsumptionJson} reads a
 * {@code phoenix-selfconsumption/1} document into a {@link io.flexhub.selfconsumption.optimizer.Portfolio};
 * {@link io.flexhub.selfconsumption.optimizer.SelfConsumptionOptimizer} returns a
 * {@link io.flexhub.selfconsumption.optimizer.SelfConsumptionResult}, which the codec writes in the
 * shape of the Python reference's output.
 *
 * <h2>Glossary (term: model element; JSON key)</h2>
 * <dl>
 * <dt>ISP</dt>
 * <dd>Imbalance settlement period, 15 min (USEF/UFTP). Index {@code t = 0..T-1}; powers are ISP
 * averages in kW, {@code Delta = isp_minutes/60} h converts them to kWh.</dd>
 * <dt>PV forecast {@code PV_t}, load forecast {@code L_t}</dt>
 * <dd>Data; {@code pv_kw}, {@code load_kw}. The load is not controllable.</dd>
 * <dt>Grid import / export {@code gin_t, gout_t}</dt>
 * <dd>Columns bounded by the connection limits {@code grid.import_max_kw / export_max_kw}; priced
 * with {@code import_price} and {@code export_price} (surplus compensation). Schedule keys
 * {@code gin}, {@code gout}.</dd>
 * <dt>Curtailment {@code k_t}</dt>
 * <dd>PV not produced, {@code 0 <= k_t <= PV_t}; schedule key {@code curt}.</dd>
 * <dt>Power balance</dt>
 * <dd>One equality per ISP: {@code PV - k + gin + dis = L + sum x + ch + gout}.</dd>
 * <dt>EV session {@code e}, charging power {@code x_e,t}</dt>
 * <dd>A plug-in with window {@code [arrival, departure)} ({@code available}); columns only inside the
 * window, at most {@code max_kw}. The state of charge is monotone without V2G, so only the energy at
 * departure is constrained: capacity ({@code soc_max}) as a hard row, the requirement
 * ({@code required_kwh_by_departure}) as a soft row with unmet-energy slack {@code u_e}, penalised at
 * {@code M = 100 x} the dearest import price. A window crossing midnight contributes its morning part.
 * {@code min_kw} (semi-continuous charging) is not modelled; ISPs below it are counted
 * ({@code ev_isps_below_min_kw}).</dd>
 * <dt>Battery {@code ch_t, dis_t, E_t}</dt>
 * <dd>Charge and discharge power and the stored energy at the end of each ISP;
 * {@code E_t = E_t-1 + eta_c Delta ch_t - Delta/eta_d dis_t}, {@code E} within
 * {@code [soc_min, soc_max]}, an optional soft end-of-day target {@code soc_final_min}.</dd>
 * <dt>Value of stored energy</dt>
 * <dd>EV energy is worth {@code surplus_value_eur_per_kwh} (default the cheapest import price), energy
 * left in the battery {@code terminal_value_eur_per_kwh} (default that price times {@code eta_d}): the
 * LP stores PV that would otherwise be exported cheaply, but never buys energy only to store it.</dd>
 * <dt>Tie-breaks</dt>
 * <dd>{@code eps} terms of 1e-5..2e-4 EUR/kWh: prefer self-use over export, export over curtailment,
 * sooner EV charging, no pointless battery cycling. They make the optimum (nearly) unique, so two
 * solvers agree on KPIs, not only on the objective.</dd>
 * <dt>Objective: cost / selfconsumption</dt>
 * <dd>{@link io.flexhub.selfconsumption.optimizer.Objective}: cost-first, or lexicographic import
 * minimisation followed by cost minimisation.</dd>
 * <dt>{@code objective_total}</dt>
 * <dd>What the solver minimised ({@code c'x} with all penalties and tie-breaks); the number compared to
 * the reference. {@code objective_eur} is the grid cost alone, {@code net_cost_eur} the grid cost minus
 * the value of stored energy.</dd>
 * <dt>SCR, SSR</dt>
 * <dd>Self-consumption ratio {@code 1 - (export + curtailment)/PV}; self-sufficiency ratio
 * {@code 1 - import/(load + EV + battery losses)}.</dd>
 * <dt>Baseline</dt>
 * <dd>The rule-based plan (EVs charge at full power on arrival, battery greedy); the saving is its net
 * cost minus the plan's.</dd>
 * <dt>Simultaneity, direction repair</dt>
 * <dd>Import and export, or charge and discharge, in the same ISP; checked on every plan and removed by
 * branch-and-bound over the direction of the offending ISPs when a tariff makes the LP use it.</dd>
 * <dt>Shortfall, best effort</dt>
 * <dd>What a plan could not honour (EV energy, battery target or bounds, grid limits). The optimiser
 * returns a plan for every state a site can really be in and lists shortfalls instead of answering
 * "infeasible".</dd>
 * <dt>PV surplus {@code sigma_t}</dt>
 * <dd>Export plus curtailment of the plan. ISPs above a threshold become <i>Requested</i> ISPs of an
 * internal FlexRequest (UFTP) in the direction "increase consumption", with
 * {@code [MinPower, MaxPower] = [threshold, sigma_t]} (section 3.1.3); the others are <i>Available</i>.</dd>
 * <dt>Aggregate (feeder) limit</dt>
 * <dd>A limit on the sum over buildings; it couples the per-building LPs and is reported as ignored
 * (see the design note on {@link io.flexhub.selfconsumption.optimizer.SelfConsumptionOptimizer}).</dd>
 * </dl>
 */
package io.flexhub.selfconsumption.optimizer;
