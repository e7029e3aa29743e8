package io.flexhub.flex.dr;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.common.CongestionPointLock;
import io.flexhub.flex.DirectOrderEvaluator;
import io.flexhub.flex.FlexOfferEngine;
import io.flexhub.flex.FlexOfferStore;
import io.flexhub.flex.FlexOfferStore.DevicePlanRow;
import io.flexhub.flex.FlexOfferStore.StoredOffer;
import io.flexhub.flex.FlexProperties;
import io.flexhub.flex.dr.engine.DrState;
import io.flexhub.flex.dr.engine.EventSetpoints;
import io.flexhub.notify.Alerts;
import io.flexhub.usef.FlexOrderExecution;
import io.flexhub.usef.UftpInbox;
import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.validation.RejectionReasons;

/**
 * FlexOrders -> demand-response events: one event per device of the plan, its setpoints scaled by the
 * ActivationFactor, starting and ending at ISP boundaries of the order's Period in its TimeZone. An order on an
 * offer runs the offer's stored plan; a direct (unsolicited) order runs the plan the flexibility engine finds for
 * its ISP powers, and is rejected when the devices cannot deliver them (open offers whose plans drive devices it
 * takes are revoked). The events are written in the transaction that answers the order, under its congestion
 * point's lock ({@link FlexOrderExecution}); mails about them go out once it commits.
 */
@Component("drOrders")
public class DrOrders implements FlexOrderExecution {

    /** Hand-off states written to the FlexOrder's message row. */
    public static final String PLANNED = "DR_PLANNED";
    public static final String NO_PLAN = "DR_NO_PLAN";

    private static final Logger LOG = LoggerFactory.getLogger(DrOrders.class);

    private final UftpInbox inbox;
    private final FlexOfferStore offers;
    private final DirectOrderEvaluator directOrders;
    private final FlexOfferEngine offerEngine;
    private final DrEventStore store;
    private final DrNotifier notifier;
    private final Alerts alerts;
    private final TransactionTemplate transactions;
    private final CongestionPointLock lock;
    private final DrProperties properties;
    private final FlexProperties flex;
    private final Clock clock;

    public DrOrders(UftpInbox inbox, FlexOfferStore offers,
                    DirectOrderEvaluator directOrders, FlexOfferEngine offerEngine, DrEventStore store,
                    DrNotifier notifier, Alerts alerts, TransactionTemplate transactions, CongestionPointLock lock,
                    DrProperties properties, FlexProperties flex, Clock clock) {
        this.flex = flex;
        this.inbox = inbox;
        this.offers = offers;
        this.directOrders = directOrders;
        this.offerEngine = offerEngine;
        this.store = store;
        this.notifier = notifier;
        this.alerts = alerts;
        this.transactions = transactions;
        this.lock = lock;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Duration minLeadTime() {
        return flex.minLeadTime();
    }

    @Override
    public Prepared prepare(FlexOrder order) {
        if (order.getFlexOfferMessageID() != null) {
            return messagePk -> planOffer(order);
        }
        DirectOrderEvaluator.Evaluation evaluation = directOrders.evaluate(order);
        return messagePk -> planDirect(order, evaluation);
    }

    private Decision planOffer(FlexOrder order) {
        String orderId = order.getMessageID();
        if (store.existsForSource(DrEvent.Source.FLEX_ORDER, orderId)) {
            return Decision.accepted(PLANNED);
        }
        Optional<StoredOffer> offer = offers.findByMessageId(order.getFlexOfferMessageID());
        if (offer.isEmpty()) {
            afterCommit(() -> alerts.raise("FlexOrder without a device plan", "FlexOrder " + orderId
                    + " (OrderReference " + order.getOrderReference() + ", congestion point "
                    + order.getCongestionPoint() + ", " + order.getPeriod() + ") was accepted but cannot be executed: "
                    + "no device plan is stored for FlexOffer " + order.getFlexOfferMessageID()
                    + ". Act on the devices by hand."));
            return Decision.accepted(NO_PLAN);
        }
        plan(order, events(order, offer.get().id(), offer.get().congestionPoint(), factor(order),
                offers.plans(offer.get().id()), flex.earliestChange(clock.instant())));
        return Decision.accepted(PLANNED);
    }

    private Decision planDirect(FlexOrder order, DirectOrderEvaluator.Evaluation evaluation) {
        if (!evaluation.deliverable()) {
            return Decision.rejected(RejectionReasons.flexibilityNotAvailable(evaluation.shortfall()));
        }
        if (!directOrders.current(evaluation)) {
            return Decision.stale();
        }
        // the plan delivers the ordered ISP powers themselves: there is no offer for an ActivationFactor to scale
        List<DrEvent.New> events = events(order, null, order.getCongestionPoint(), BigDecimal.ONE,
                evaluation.plans(), flex.earliestChange(clock.instant()));
        plan(order, events);
        offerEngine.revokeOffersUsing(order.getSenderDomain(), order.getCongestionPoint(), order.getPeriod(),
                events.stream().map(DrEvent.New::deviceId).collect(Collectors.toSet()), order.getMessageID());
        return Decision.accepted(PLANNED);
    }

    /** Writes the events in the caller's transaction; their SCHEDULED mails wait for its commit. */
    private void plan(FlexOrder order, List<DrEvent.New> events) {
        Instant now = clock.instant();
        String reason = order.getFlexOfferMessageID() == null
                ? "planned from direct FlexOrder " + order.getMessageID() + " (OrderReference "
                        + order.getOrderReference() + ")"
                : "planned from FlexOrder " + order.getMessageID() + " (OrderReference " + order.getOrderReference()
                        + ", ActivationFactor " + factor(order).toPlainString() + ")";
        List<Long> ids = new ArrayList<>();
        for (DrEvent.New e : events) {
            ids.add(store.insert(e, now, reason));
        }
        afterCommit(() -> {
            for (Long id : ids) {
                store.findById(id).ifPresent(e -> notifier.stateChanged(e, DrState.SCHEDULED, reason, now));
            }
            LOG.info("FlexOrder {}: {} demand-response events planned", order.getMessageID(), ids.size());
        });
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /**
     * Accepted FlexOrders an earlier version of the hub handed to planning after answering them, and a crash or
     * an upgrade left unplanned.
     */
    public List<Long> awaiting() {
        return inbox.awaitingEngine("FlexOrder", clock.instant().minus(properties.orderRecoveryAfter()), 50);
    }

    /** Plans such an order; it was answered Accepted already, so what cannot be executed is left to an operator. */
    public String plan(long messagePk) {
        Optional<UftpInbox.Accepted> awaiting = inbox.awaiting(messagePk);
        if (awaiting.isEmpty()) {
            return inbox.handoff(messagePk).orElse(null);
        }
        if (!(awaiting.get().message() instanceof FlexOrder order)) {
            throw new IllegalStateException("stored message " + messagePk + " awaiting order planning is a "
                    + awaiting.get().message().getClass().getSimpleName());
        }
        Prepared prepared = prepare(order);
        return transactions.execute(tx -> {
            lock.lock(order.getCongestionPoint());
            if (!inbox.isAwaiting(messagePk)) {
                return null;
            }
            Decision decision = prepared.execute(messagePk);
            String handoff = switch (decision.kind()) {
                case ACCEPTED -> decision.detail();
                case STALE -> UftpInbox.AWAITING_ENGINE;
                case REJECTED -> {
                    afterCommit(() -> alerts.raise("FlexOrder without a device plan", "FlexOrder "
                            + order.getMessageID() + " (OrderReference " + order.getOrderReference()
                            + ") was accepted but cannot be executed: " + decision.detail()
                            + ". Act on the devices by hand."));
                    yield NO_PLAN;
                }
            };
            inbox.handOff(messagePk, handoff);
            return handoff;
        });
    }

    /**
     * @param earliest no event starts by then: setpoints of ISPs that have begun (or begin within the lead time) are
     *                 dropped. Validation rejects orders deviating there; a plan may still move load between devices
     *                 in an ISP ordered at 0 W, and an order planned late (recovery) may have seen ISPs begin.
     */
    static List<DrEvent.New> events(FlexOrder order, Long offerId, String congestionPoint, BigDecimal activation,
                                    List<DevicePlanRow> plans, Instant earliest) {
        ZoneId zone = ZoneId.of(order.getTimeZone());
        IspCalendar calendar = new IspCalendar(zone, order.getISPDuration());
        int firstOpen = calendar.firstIspAfter(order.getPeriod(), earliest) - 1;
        double factor = activation.doubleValue();
        List<Double> demand = new ArrayList<>();
        for (FlexOrderISPType isp : order.getISPS()) {
            long duration = isp.getDuration();
            for (long i = 0; i < duration; i++) {
                demand.add(isp.getPower() / 1000.0);
            }
        }
        List<DrEvent.New> events = new ArrayList<>();
        for (DevicePlanRow plan : plans) {
            Optional<EventSetpoints> setpoints = plan.kind() == FlexOfferStore.PlanKind.CURTAILMENT
                    ? EventSetpoints.curtailment(plan.baselineKw(), plan.plannedKw(), factor)
                    : EventSetpoints.shift(plan.baselineKw(), plan.plannedKw(), factor);
            setpoints.flatMap(s -> s.from(firstOpen)).ifPresent(s -> events.add(new DrEvent.New(DrEvent.Source.FLEX_ORDER, order.getMessageID(),
                    order.getMessageID(), offerId, congestionPoint, plan.deviceId(),
                    calendar.ispStart(order.getPeriod(), s.firstIsp() + 1), order.getISPDuration(), zone, s.kw(),
                    demand, activation)));
        }
        return events;
    }

    private static BigDecimal factor(FlexOrder order) {
        return order.getActivationFactor() == null ? BigDecimal.ONE : order.getActivationFactor();
    }
}
