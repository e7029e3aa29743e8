/**
 * Flexibility offer optimizer: FlexRequest + devices behind one congestion point -> FlexOffer, the two-stage LP of
 * {@code reference/optimization.md} section 3.2, solved with ojalgo and checked against {@code bench/ref_flexoffer.py}
 * (schema {@code phoenix-flexoffer/1}). Plain Java: no Camel, no Spring.
 *
 * <h2>Glossary: USEF/UFTP terms and where they sit in the LP</h2>
 * <table>
 * <caption>Terms</caption>
 * <tr><th>USEF / UFTP</th><th>here</th><th>LP</th></tr>
 * <tr><td>ISP (imbalance settlement period)</td><td>ISP index {@code t}, 0-based; {@code ispMinutes}</td>
 * <td>{@code t = 0..T-1}, {@code Delta = ispMinutes/60} h</td></tr>
 * <tr><td>Congestion point</td><td>one {@link io.flexhub.flex.optimizer.FlexOfferProblem}</td>
 * <td>one LP; its devices share the ISP rows</td></tr>
 * <tr><td>FlexRequest</td><td>{@link io.flexhub.flex.optimizer.FlexRequest}</td>
 * <td>direction {@code delta}: -1 reduce, +1 increase</td></tr>
 * <tr><td>FlexRequestISP, disposition Requested, MinPower/MaxPower</td>
 * <td>{@link io.flexhub.flex.optimizer.RequestIsp} {@code minKw}/{@code maxKw} (magnitudes)</td>
 * <td>set {@code R}; delivered deviation {@code D_t <= r_max} (F2), shortfall {@code z_t >= r_min - D_t}</td></tr>
 * <tr><td>FlexRequestISP, disposition Available</td><td>{@code RequestIsp.maxKw} = room</td>
 * <td>set {@code A}; compensation {@code 0 <= U_t <= a_t} (F4), {@code U_t <= mu*a_t} (F7)</td></tr>
 * <tr><td>ISP in no entry</td><td>baseline kept</td><td>schedules pinned to the baseline (F5)</td></tr>
 * <tr><td>Baseline (D-prognosis)</td><td>{@code baselineKw}</td><td>{@code p_i,t}, {@code p_j,t}</td></tr>
 * <tr><td>Controllable device, controllability factor</td>
 * <td>{@link io.flexhub.flex.optimizer.ControllableDevice}</td>
 * <td>curtailment {@code 0 <= y_i,t <= factor*max(0, p_i,t)} in {@code R}, reduce only; budget (F8)</td></tr>
 * <tr><td>Shiftable device, operation window</td><td>{@link io.flexhub.flex.optimizer.ShiftableDevice},
 * {@link io.flexhub.flex.optimizer.OperationWindow}</td>
 * <td>schedule {@code 0 <= q_j,t <= Pmax} inside the window, 0 outside; no deviation against the request in
 * {@code R} (F3); energy kept (F6)</td></tr>
 * <tr><td>Delivered flexibility</td><td>{@link io.flexhub.flex.optimizer.IspDelivery}</td>
 * <td>(F1) {@code D_t = sum y + delta*sum (q - p)}</td></tr>
 * <tr><td>FlexOffer, FlexOfferOptionISP Power (W, + = consumption)</td>
 * <td>{@link io.flexhub.flex.optimizer.FlexOfferSolution} outcome OFFER,
 * {@code offerPowerKw}/{@code offerPowerW()}</td><td>{@code delta*D_t} in {@code R}, {@code -delta*U_t} in
 * {@code A}</td></tr>
 * <tr><td>No FlexOffer sent</td><td>outcome NOTHING_TO_OFFER</td>
 * <td>{@code D_t < 0.5 W} in every Requested ISP</td></tr>
 * <tr><td>FlexOrder, activation factor {@code alpha}</td><td>{@link io.flexhub.flex.optimizer.DevicePlan}</td>
 * <td>run {@code p - alpha*y} and {@code p + alpha*(q - p)}: feasible because the model is convex</td></tr>
 * </table>
 *
 * <h2>Objectives</h2>
 * Stage 1 maximises {@code sum w_t*Delta*D_t - M*Delta*sum z_t} ({@code M = 1000}). Stage 2 keeps that value up to
 * {@code 1e-6*max(1, |F*|)}, as the reference does, and minimises curtailment discomfort, lost shift reward in
 * {@code R}, {@code 1e-4*|t - centroid|} per kWh (stay near the original time) and {@code 0.01*mu} (use the
 * emptiest Available ISPs).
 *
 * <h2>Why the LP size does not grow with the device count</h2>
 * ojalgo 57.1 needs seconds once the model has several thousand columns (400 devices whose EV sessions all differ:
 * 9,000 columns, 3 s CPU here), so devices the LP cannot tell apart share variables. The optimum is unchanged; only its split over the merged
 * devices is chosen, in proportion to their size:
 * <ul>
 * <li>controllable devices without a binding budget, per weight: only their summed room per ISP matters;</li>
 * <li>budgeted controllables and shiftables that are scaled copies of each other (same weight, windows,
 * mandatory flag; rooms, budget, baseline and max power proportional): {@code s1*P + s2*P = (s1+s2)*P} for
 * convex {@code P}, and the time-distance costs depend only on the baseline's shape;</li>
 * <li>a budget that cannot bind (the device's whole room is within it) is dropped.</li>
 * </ul>
 * Heterogeneous shiftables (every EV session different) do not merge: their LP grows with their number.
 */
package io.flexhub.flex.optimizer;
