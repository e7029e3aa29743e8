/**
 * Functional validation of received UFTP 3.x messages and the functional responses to them (aggregator side).
 * Plain Java over the shapeshifter-api JAXB classes; the hub supplies its market settings and stored messages
 * through {@link io.flexhub.usef.validation.UftpValidationContext}.
 *
 * <p>Rules and the received message types they check (FR FlexRequest, FOR FlexOrder, FRU FlexReservationUpdate,
 * FS FlexSettlement, DP_R D-PrognosisResponse, APQ_R AGRPortfolioQueryResponse, M Metering, "responses" every
 * response with a reference attribute):
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>Rule</th><th>Reason(s)</th><th>Types</th></tr>
 *   <tr><td>duplicate check in UftpMessageValidator</td><td>Duplicate Identifier / outcome ALREADY_SUBMITTED</td><td>all</td></tr>
 *   <tr><td>RequiredAttributesRule</td><td>Invalid Message: missing ... (FRU: ContractID, Reference too)</td>
 *       <td>all</td></tr>
 *   <tr><td>VersionRule</td><td>Invalid Message: unsupported Version x</td><td>all</td></tr>
 *   <tr><td>RecipientDomainRule</td><td>Unknown RecipientDomain</td><td>all</td></tr>
 *   <tr><td>BarredSenderRule</td><td>Barred Sender</td><td>all</td></tr>
 *   <tr><td>IspDurationRule</td><td>ISP duration rejected</td><td>FR, FOR, FRU, M</td></tr>
 *   <tr><td>TimeZoneRule</td><td>TimeZone rejected</td><td>FR, FOR, FRU, M, APQ_R</td></tr>
 *   <tr><td>CongestionPointRule</td><td>Invalid CongestionPoint</td><td>FR, FOR, FRU, FS</td></tr>
 *   <tr><td>IspBoundsRule</td><td>ISPs out of bounds</td><td>FR, FOR, FRU, FS, M</td></tr>
 *   <tr><td>IspConflictRule</td><td>ISP conflict</td><td>FR, FOR, FRU, FS, M</td></tr>
 *   <tr><td>PeriodNotPastRule</td><td>Period out of bounds</td><td>FR, FOR, FRU</td></tr>
 *   <tr><td>ReservationDeadlineRule</td><td>Period out of bounds (ISPs ... have begun)</td><td>FRU</td></tr>
 *   <tr><td>FlexOrderLeadTimeRule</td><td>Period out of bounds (ISPs ... have begun or begin within the lead
 *       time): deviation ordered in them</td><td>FOR</td></tr>
 *   <tr><td>ContractRule</td><td>Unknown reference ContractID</td><td>FR, FOR, FRU, FS</td></tr>
 *   <tr><td>ReferenceRule</td><td>Unknown reference &lt;attribute&gt;</td><td>FOR, responses</td></tr>
 *   <tr><td>ReferencePeriodRule</td><td>Reference Period mismatch</td><td>FOR, APQ_R</td></tr>
 *   <tr><td>FlexRequestExpirationRule</td><td>ExpirationDateTime out of bounds</td><td>FR</td></tr>
 *   <tr><td>FlexRequestPowerRule</td><td>Lacking Requested Disposition, Requested Power discrepancy, Power
 *       discrepancy</td><td>FR</td></tr>
 *   <tr><td>FlexRequestRevisionRule</td><td>Subordinate sequence number</td><td>FR</td></tr>
 *   <tr><td>FlexOrderSolicitationRule</td><td>FlexOfferMessageID must (only) be present if not unsolicited</td>
 *       <td>FOR</td></tr>
 *   <tr><td>DirectFlexOrderDirectionRule</td><td>Requested Power discrepancy (a direct order's ISPs order both
 *       directions)</td><td>FOR</td></tr>
 *   <tr><td>DirectFlexOrderPowerRule</td><td>Power discrepancy (every ISP of a direct order has Power 0)</td>
 *       <td>FOR</td></tr>
 *   <tr><td>ReferencedOfferStateRule</td><td>Reference message expired / revoked / already ordered</td>
 *       <td>FOR</td></tr>
 *   <tr><td>FlexOrderOptionRule</td><td>Unknown reference OptionReference in FlexOrder, Currency mismatch,
 *       ActivationFactor out of bounds, Price mismatch</td><td>FOR</td></tr>
 *   <tr><td>FlexOrderIspMatchRule</td><td>ISP mismatch, Power mismatch</td><td>FOR</td></tr>
 *   <tr><td>FlexOrderCongestionPointRule</td><td>CongestionPoint mismatch</td><td>FOR</td></tr>
 *   <tr><td>PrognosisReferenceRule</td><td>Unknown reference D-PrognosisMessageID, Reference Period mismatch,
 *       CongestionPoint mismatch</td><td>FOR, FS (and FOF)</td></tr>
 *   <tr><td>BaselineReferenceRule</td><td>Unknown reference BaselineReference</td><td>FOR, FS</td></tr>
 *   <tr><td>PrognosisOrderStatusRule</td><td>Unknown reference FlexOrderMessageID</td><td>DP_R</td></tr>
 *   <tr><td>ReservationIncreaseRule</td><td>Reservation increase</td><td>FRU</td></tr>
 *   <tr><td>SettlementPeriodRule</td><td>Period out of bounds</td><td>FS</td></tr>
 *   <tr><td>SettlementOrderRule</td><td>Reference Period mismatch</td><td>FS</td></tr>
 *   <tr><td>SettlementRepeatRule</td><td>Period already settled</td><td>FS</td></tr>
 * </table>
 * An accepted FlexSettlement's orders that the hub's records disagree with are Disputed in the response rather
 * than rejected ({@link io.flexhub.usef.validation.SettlementDisputes}): unknown OrderReference, other
 * CongestionPoint, Price or OrderedFlexPower.
 * FlexOffer and D-Prognosis are covered by the FlexMessage rules too, for completeness; the hub only sends them.
 */
package io.flexhub.usef.validation;
