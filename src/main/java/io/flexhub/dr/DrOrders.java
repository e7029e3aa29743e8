package io.flexhub.dr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.dr.engine.DrState;
import io.flexhub.dr.engine.EventSetpoints;
import io.flexhub.flex.FlexOfferStore;
import io.flexhub.flex.FlexOfferStore.DevicePlanRow;
import io.flexhub.flex.FlexOfferStore.StoredOffer;
import io.flexhub.notify.Alerts;
import io.flexhub.usef.ProcessingOutcome;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.xml.UftpJaxb;

/**
 * Accepted FlexOrders -> demand-response events: one event per device of the ordered offer's plan, its setpoints
 * scaled by the ActivationFactor, starting and ending at ISP boundaries of the order's Period in its TimeZone.
 * Idempotent per order (the hand-off and the recovery poll may both deliver it). The UFTP processing already
 * checked the order against the offer, so only the stored device plan is looked up here.
 */
@Component("drOrders")
public class DrOrders {

    /** Hand-off states written to the FlexOrder's message row. */
    public static final String PLANNED = "DR_PLANNED";
    public static final String NO_PLAN = "DR_NO_PLAN";

    private static final Logger LOG = LoggerFactory.getLogger(DrOrders.class);

    private final UftpMessageStore messages;
    private final UftpJaxb jaxb;
    private final FlexOfferStore offers;
    private final DrEventStore store;
    private final DrNotifier notifier;
    private final Alerts alerts;
    private final TransactionTemplate transactions;
    private final DrProperties properties;
    private final Clock clock;

    public DrOrders(UftpMessageStore messages, UftpJaxb jaxb, FlexOfferStore offers, DrEventStore store,
                    DrNotifier notifier, Alerts alerts, TransactionTemplate transactions, DrProperties properties,
                    Clock clock) {
        this.messages = messages;
        this.jaxb = jaxb;
        this.offers = offers;
        this.store = store;
        this.notifier = notifier;
        this.alerts = alerts;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Entry of the flex-order-inbox route. */
    public void received(ProcessingOutcome outcome) {
        plan(outcome.messagePk());
    }

    /** Accepted orders the hand-off did not plan (crash between processing and planning). */
    public List<Long> awaiting() {
        return store.ordersAwaitingEngine(clock.instant().minus(properties.orderRecoveryAfter()), 50);
    }

    /** @return the events planned for the order (empty when it has no stored plan) */
    public List<Long> plan(long messagePk) {
        UftpMessageRecord record = messages.findById(messagePk)
                .orElseThrow(() -> new IllegalStateException("no stored message " + messagePk));
        FlexOrder order = (FlexOrder) jaxb.unmarshal(record.payloadXml().getBytes(StandardCharsets.UTF_8));
        String orderId = order.getMessageID();
        if (store.existsForSource(DrEvent.Source.FLEX_ORDER, orderId)) {
            store.markHandoff(messagePk, PLANNED);
            return List.of();
        }
        Optional<StoredOffer> offer = Optional.ofNullable(order.getFlexOfferMessageID())
                .flatMap(offers::findByMessageId);
        if (offer.isEmpty()) {
            String why = order.getFlexOfferMessageID() == null
                    ? "it is a direct (unsolicited) order, and the hub plans devices only for its own offers"
                    : "no device plan is stored for FlexOffer " + order.getFlexOfferMessageID();
            store.markHandoff(messagePk, NO_PLAN);
            alerts.raise("FlexOrder without a device plan", "FlexOrder " + orderId + " (OrderReference "
                    + order.getOrderReference() + ", congestion point " + order.getCongestionPoint() + ", "
                    + order.getPeriod() + ") was accepted but cannot be executed: " + why
                    + ". Act on the devices by hand.");
            return List.of();
        }
        List<DrEvent.New> events = events(order, offer.get(), offers.plans(offer.get().id()));
        Instant now = clock.instant();
        String reason = "planned from FlexOrder " + orderId + " (OrderReference " + order.getOrderReference()
                + ", ActivationFactor " + factor(order).toPlainString() + ")";
        List<Long> ids;
        try {
            ids = transactions.execute(tx -> {
                List<Long> created = new ArrayList<>();
                for (DrEvent.New e : events) {
                    created.add(store.insert(e, now, reason));
                }
                store.markHandoff(messagePk, PLANNED);
                return created;
            });
        } catch (DuplicateKeyException raced) {
            LOG.info("FlexOrder {} was planned by another instance", orderId);
            return List.of();
        }
        for (Long id : ids) {
            store.findById(id).ifPresent(e -> notifier.stateChanged(e, DrState.SCHEDULED, reason, now));
        }
        LOG.info("FlexOrder {}: {} demand-response events planned", orderId, ids.size());
        return ids;
    }

    static List<DrEvent.New> events(FlexOrder order, StoredOffer offer, List<DevicePlanRow> plans) {
        ZoneId zone = ZoneId.of(order.getTimeZone());
        IspCalendar calendar = new IspCalendar(zone, order.getISPDuration());
        double factor = factor(order).doubleValue();
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
            setpoints.ifPresent(s -> events.add(new DrEvent.New(DrEvent.Source.FLEX_ORDER, order.getMessageID(),
                    order.getMessageID(), offer.id(), offer.congestionPoint(), plan.deviceId(),
                    calendar.ispStart(order.getPeriod(), s.firstIsp() + 1), order.getISPDuration(), zone, s.kw(),
                    demand, factor(order))));
        }
        return events;
    }

    private static BigDecimal factor(FlexOrder order) {
        return order.getActivationFactor() == null ? BigDecimal.ONE : order.getActivationFactor();
    }
}
