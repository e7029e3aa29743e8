/**
 * How a building's devices become the offer LP's devices, once for every kind of request: UFTP FlexRequests
 * ({@code flex.offer.OfferProblemBuilder}) and requests made inside the hub ({@code flex.dr.engine.LocalProblem}).
 *
 * <p>The rules, decided here and tested in {@code DeviceFlexibilityTest}:
 * <ul>
 * <li><b>Operation window.</b> A shiftable device may run in the ISPs that lie <em>wholly</em> inside its daily
 * window, in the site's local time: a window that opens at 08:10 does not give the device the ISP 08:00-08:15, so a
 * plan never runs it outside the hours its owner allowed. A window whose end is before its start crosses midnight;
 * equal start and end mean the whole day. DST days and a site zone other than the market's need no special case,
 * because the window is placed on each local day around the horizon.</li>
 * <li><b>Forecast outside the window.</b> What the baseline forecasts outside the window is not movable: the LP sees
 * only the part inside it, and {@link DeviceFlexibility#wholeSchedule} adds the rest back unchanged. A forecast above
 * the rated power raises the device's limit to that forecast, so the baseline itself stays feasible.</li>
 * <li><b>Controllable devices</b> can only curtail: they help a request for less consumption and are left out of one
 * for more (curtailing cannot raise consumption).</li>
 * <li>Non-shiftable devices and devices without a configuration contribute nothing; each left-out device gets a note
 * saying why.</li>
 * </ul>
 * Plain Java.
 */
package io.flexhub.flex.problem;
