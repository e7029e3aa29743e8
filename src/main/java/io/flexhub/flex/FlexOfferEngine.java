package io.flexhub.flex;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferRevocation;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.USEFRoleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.common.CongestionPointLock;
import io.flexhub.common.SolveTimes;
import io.flexhub.flex.offer.FlexOfferComposer;
import io.flexhub.flex.offer.NoOfferReason;
import io.flexhub.flex.offer.OfferProblem;
import io.flexhub.flex.offer.OfferProblemBuilder;
import io.flexhub.flex.optimizer.DevicePlan;
import io.flexhub.flex.optimizer.FlexOfferJson;
import io.flexhub.flex.optimizer.FlexOfferOptimizer;
import io.flexhub.flex.optimizer.FlexOfferSolution;
import io.flexhub.flex.optimizer.ShiftableDevice;
import io.flexhub.flex.problem.DeviceFlexibility;
import io.flexhub.notify.Alerts;
import io.flexhub.site.ContextStore;
import io.flexhub.usef.OutgoingMessages;
import io.flexhub.usef.ProcessingOutcome;
import io.flexhub.usef.UftpInbox;
import io.flexhub.usef.UsefProperties;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.validation.MessageStatus;

/**
 * Answers an accepted FlexRequest: builds the offer problem from the site context, solves it and, when something
 * can be delivered, queues the signed FlexOffer and stores its device plans in one transaction, so an offer is sent
 * if and only if its plan is kept. Otherwise the request is marked {@code NO_OFFER:<reason>} and operators are
 * alerted; a zero offer is never sent.
 *
 * <p>The request's hand-off moves from {@code AWAITING_ENGINE} to {@code OFFERED} or {@code NO_OFFER:...} inside
 * that transaction and only from {@code AWAITING_ENGINE}, so a second call (recovery, another instance) for the
 * same request sends nothing. Failures reading the context leave the hand-off as it is for the recovery poll,
 * until the request expires.
 *
 * <p>The problem is solved outside any transaction (it reads the context, possibly from the broker), then the offer
 * is queued under the congestion point's lock, which FlexOrders and local demand-response planning take too. If
 * devices were committed to events between the two, the offer would sell them again: it is computed afresh.
 */
@Component("flexOfferEngine")
public class FlexOfferEngine {

    public static final String OFFERED = "OFFERED";
    private static final Logger LOG = LoggerFactory.getLogger(FlexOfferEngine.class);
    /** Requests younger than this are still on their way through usef-process. */
    private static final Duration RECOVERY_GRACE = Duration.ofSeconds(30);
    /** Computations in a row that orders may overtake before the request is left to the recovery poll. */
    private static final int ATTEMPTS = 3;

    private final UftpMessageStore messages;
    private final FlexOfferStore offers;
    private final OutgoingMessages outgoing;
    private final ObjectProvider<ContextStore> contextStore;
    private final UftpInbox inbox;
    private final UsefProperties usef;
    private final FlexProperties flex;
    private final TransactionTemplate tx;
    private final Alerts alerts;
    private final Clock clock;
    private final FlexOfferOptimizer optimizer = new FlexOfferOptimizer();
    private final FlexOfferJson json = new FlexOfferJson();

    private final SolveTimes solveTimes;
    private final ObjectProvider<DeviceCommitments> commitments;
    private final CongestionPointLock lock;

    public FlexOfferEngine(UftpMessageStore messages, FlexOfferStore offers, OutgoingMessages outgoing,
                           ObjectProvider<ContextStore> contextStore, UftpInbox inbox, UsefProperties usef,
                           FlexProperties flex, TransactionTemplate tx, Alerts alerts, Clock clock,
                           SolveTimes solveTimes, ObjectProvider<DeviceCommitments> commitments,
                           CongestionPointLock lock) {
        this.solveTimes = solveTimes;
        this.commitments = commitments;
        this.lock = lock;
        this.messages = messages;
        this.offers = offers;
        this.outgoing = outgoing;
        this.contextStore = contextStore;
        this.inbox = inbox;
        this.usef = usef;
        this.flex = flex;
        this.tx = tx;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Entry from usef-process: the request as processing parsed it. */
    public void received(ProcessingOutcome outcome) {
        inbox.handed(outcome).ifPresent(this::answer);
    }

    /** Accepted FlexRequests the engine has not answered, e.g. after a crash or while the context was unreachable. */
    public List<Long> pending() {
        return inbox.awaitingEngine("FlexRequest", clock.instant().minus(RECOVERY_GRACE), 100);
    }

    /**
     * A request picked up again by the recovery poll.
     *
     * @return the hand-off state the request ended in (unchanged if it was no longer awaiting the engine)
     */
    public String answer(long messagePk) {
        return inbox.awaiting(messagePk).map(this::answer)
                .orElseGet(() -> inbox.handoff(messagePk).orElse(null));
    }

    private String answer(UftpInbox.Accepted record) {
        if (!(record.message() instanceof FlexRequest request)) {
            return noOffer(record, NoOfferReason.ENGINE_ERROR, "stored message is a "
                    + record.message().getClass().getSimpleName());
        }
        Instant now = clock.instant();
        Instant requestExpiry = request.getExpirationDateTime().toInstant();
        if (!now.isBefore(requestExpiry)) {
            return noOffer(record, NoOfferReason.EXPIRED, "the request expired at " + requestExpiry);
        }
        ContextStore context = contextStore.getIfAvailable();
        if (context == null) {
            return noOffer(record, NoOfferReason.NO_CONTEXT, "no context store is configured");
        }
        IspCalendar calendar = new IspCalendar(ZoneId.of(request.getTimeZone()), request.getISPDuration());
        Instant periodStart = calendar.startOfPeriod(request.getPeriod());
        Instant periodEnd = calendar.startOfPeriod(request.getPeriod().plusDays(1));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            // a failure here (broker down) propagates: the request keeps AWAITING_ENGINE and is retried
            Set<String> committed = committed(request.getCongestionPoint(), periodStart, periodEnd);
            OfferProblem built = new OfferProblemBuilder(context).build(request, committed, flex.earliestChange(now));
            if (!built.solvable()) {
                return noOffer(record, built.noOffer(), built.detail());
            }
            FlexOfferSolution solution;
            try {
                solution = solveTimes.time(SolveTimes.FLEX_OFFER, () -> optimizer.solve(built.problem()));
            } catch (RuntimeException e) {
                LOG.error("Offer optimisation failed for FlexRequest {}", request.getMessageID(), e);
                return noOffer(record, NoOfferReason.ENGINE_ERROR, "the optimizer failed: " + e.getMessage());
            }
            String handoff = switch (solution.outcome()) {
                case INFEASIBLE -> noOffer(record, NoOfferReason.INFEASIBLE, solution.detail());
                case NOTHING_TO_OFFER -> noOffer(record, NoOfferReason.NOTHING_DELIVERABLE, String.format(
                        "%d devices cannot deliver half a watt in any Requested ISP (%.3f kWh requested)",
                        built.baselineKw().size(), solution.requestedKwh()));
                case OFFER -> offer(record, request, built, solution, now, requestExpiry,
                        new Commitments(committed, periodStart, periodEnd));
            };
            if (handoff != null) {
                return handoff;
            }
            LOG.info("FlexRequest {}: devices of {} were committed while the offer was computed; computing again",
                    request.getMessageID(), request.getCongestionPoint());
        }
        // the recovery poll tries again once the congestion point is quieter
        return UftpInbox.AWAITING_ENGINE;
    }

    /** What the offer was computed for: devices already committed in the period. */
    private record Commitments(Set<String> devices, Instant periodStart, Instant periodEnd) {
    }

    private Set<String> committed(String congestionPoint, Instant periodStart, Instant periodEnd) {
        DeviceCommitments commitments = this.commitments.getIfAvailable();
        return commitments == null ? Set.of() : commitments.committed(congestionPoint, periodStart, periodEnd);
    }

    /** @return the hand-off state, or null when devices were committed meanwhile and the offer must be recomputed */
    private String offer(UftpInbox.Accepted record, FlexRequest request, OfferProblem built,
                         FlexOfferSolution solution, Instant now, Instant requestExpiry, Commitments computedFor) {
        Instant validUntil = now.plus(flex.offerValidity());
        Instant expiry = validUntil.isBefore(requestExpiry) ? validUntil : requestExpiry;
        String offerId = UUID.randomUUID().toString();
        long ispMinutes = request.getISPDuration().toMinutes();
        FlexOffer offer = FlexOfferComposer.compose(request, solution, flex.terms(), usef.ownDomain(), offerId, now,
                expiry, ispMinutes);
        FlexOfferStore.StoredOffer stored = new FlexOfferStore.StoredOffer(0, offerId, request.getMessageID(),
                request.getConversationID(), request.getSenderDomain(), request.getCongestionPoint(),
                request.getPeriod(), ZoneId.of(request.getTimeZone()), request.getISPDuration(),
                solution.direction().name(), offer.getOfferOptions().get(0).getPrice(), offer.getCurrency(),
                toArray(solution.offerPowerKw()), json.writeSolution(solution), now);
        List<FlexOfferStore.DevicePlanRow> plans = plans(built, solution);
        Outcome outcome = tx.execute(status -> {
            lock.lock(request.getCongestionPoint());
            // an order or local request planned under the lock meanwhile may have taken devices this offer sells
            if (!committed(request.getCongestionPoint(), computedFor.periodStart(), computedFor.periodEnd())
                    .equals(computedFor.devices())) {
                return Outcome.STALE;
            }
            if (!inbox.handOff(record.messagePk(), OFFERED)) {
                return Outcome.ANSWERED_ELSEWHERE;
            }
            // one open offer per congestion point and period: the DSO's newest request replaces what it was offered
            // before, so the same devices cannot be ordered twice through two offers
            for (FlexOfferStore.StoredOffer previous : offers.open(request.getSenderDomain(),
                    request.getCongestionPoint(), request.getPeriod(), now.minus(flex.offerValidity()))) {
                revoke(previous, record.senderRole(), now, "a newer FlexRequest on " + previous.congestionPoint()
                        + " for " + previous.period() + " replaces it");
            }
            outgoing.queue(offer, record.senderRole(), request.getMessageID());
            offers.insert(stored, plans);
            return Outcome.SENT;
        });
        if (outcome == Outcome.STALE) {
            return null;
        }
        if (outcome == Outcome.SENT) {
            LOG.info("FlexOffer {} answers FlexRequest {} on {}: {} kWh of {} kWh requested, {} {}, {} device plans",
                    offerId, request.getMessageID(), request.getCongestionPoint(),
                    String.format("%.3f", solution.deliveredKwh()), String.format("%.3f", solution.requestedKwh()),
                    offer.getOfferOptions().get(0).getPrice(), offer.getCurrency(), plans.size());
            return OFFERED;
        }
        return inbox.handoff(record.messagePk()).orElse(null);
    }

    private enum Outcome { SENT, ANSWERED_ELSEWHERE, STALE }

    /**
     * Revokes the DSO's open offers for the congestion point and Period whose plans drive any of these devices, which
     * a direct FlexOrder has just taken: ordering such an offer would give a device two events at once. Call in the
     * ordering transaction, under the congestion point's lock.
     */
    public void revokeOffersUsing(String dsoDomain, String congestionPoint, LocalDate period, Set<String> devices,
                                  String directOrderId) {
        Instant now = clock.instant();
        for (FlexOfferStore.StoredOffer open : offers.open(dsoDomain, congestionPoint, period,
                now.minus(flex.offerValidity()))) {
            if (offers.plans(open.id()).stream().anyMatch(plan -> devices.contains(plan.deviceId()))) {
                revoke(open, USEFRoleType.DSO.value(), now, "direct FlexOrder " + directOrderId
                        + " took devices of its plan");
            }
        }
    }

    private void revoke(FlexOfferStore.StoredOffer previous, String dsoRole, Instant now, String why) {
        FlexOfferRevocation revocation = new FlexOfferRevocation();
        revocation.setVersion(FlexOfferComposer.VERSION);
        revocation.setSenderDomain(usef.ownDomain());
        revocation.setRecipientDomain(previous.dsoDomain());
        revocation.setTimeStamp(now.atOffset(ZoneOffset.UTC));
        revocation.setMessageID(UUID.randomUUID().toString());
        revocation.setConversationID(previous.conversationId());
        revocation.setFlexOfferMessageID(previous.offerMessageId());
        boolean closed = messages.findByMessageId(previous.offerMessageId())
                .map(m -> messages.closeOffer(m.id(), MessageStatus.REVOKED.name())).orElse(false);
        if (!closed) {
            // ordered (or revoked) since it was listed as open: an ordered offer stands, and is not revoked
            return;
        }
        outgoing.queue(revocation, dsoRole, previous.offerMessageId());
        LOG.info("FlexOffer {} revoked: {}", previous.offerMessageId(), why);
    }

    /** Curtailment plans store the reduction, shift plans the whole new schedule (fixed part outside the window). */
    static List<FlexOfferStore.DevicePlanRow> plans(OfferProblem built, FlexOfferSolution solution) {
        List<FlexOfferStore.DevicePlanRow> rows = new ArrayList<>();
        for (DevicePlan plan : solution.devicePlan()) {
            double[] baseline = built.baselineKw().get(plan.deviceId());
            if (plan instanceof DevicePlan.Curtailment c) {
                rows.add(new FlexOfferStore.DevicePlanRow(c.deviceId(), FlexOfferStore.PlanKind.CURTAILMENT,
                        baseline, toArray(c.reductionKw())));
            } else if (plan instanceof DevicePlan.Shift s) {
                ShiftableDevice device = built.problem().shiftable().stream()
                        .filter(d -> d.id().equals(s.deviceId())).findFirst().orElseThrow();
                double[] schedule = DeviceFlexibility.wholeSchedule(device, baseline, s.scheduleKw());
                rows.add(new FlexOfferStore.DevicePlanRow(s.deviceId(), FlexOfferStore.PlanKind.SHIFT, baseline,
                        schedule));
            }
        }
        return rows;
    }

    private String noOffer(UftpInbox.Accepted record, NoOfferReason reason, String detail) {
        Boolean marked = tx.execute(status -> inbox.handOff(record.messagePk(), reason.handoff()));
        if (Boolean.TRUE.equals(marked)) {
            String text = "FlexRequest " + record.message().getMessageID() + " from "
                    + record.message().getSenderDomain() + " gets no FlexOffer ("
                    + reason + "): " + detail;
            LOG.warn(text);
            alerts.raise("No FlexOffer for a FlexRequest", text);
            return reason.handoff();
        }
        return inbox.handoff(record.messagePk()).orElse(null);
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
