package io.flexhub.flex;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lfenergy.shapeshifter.api.FlexOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.flexhub.common.SolveTimes;
import io.flexhub.flex.offer.DirectOrders;
import io.flexhub.flex.offer.OfferProblem;
import io.flexhub.flex.offer.OfferProblemBuilder;
import io.flexhub.flex.optimizer.FlexOfferOptimizer;
import io.flexhub.flex.optimizer.FlexOfferSolution;
import io.flexhub.site.ContextStore;
import io.flexhub.usef.time.IspCalendar;

/**
 * Whether the devices behind a direct (unsolicited) FlexOrder's congestion point can deliver its ISP powers, and
 * the device plans that do: the order is solved as the FlexRequest it amounts to ({@link DirectOrders}), with the
 * problem builder and LP of the offers and without the devices already committed in the Period, and the solution
 * is checked ISP by ISP against the order.
 */
@Component
public class DirectOrderEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(DirectOrderEvaluator.class);

    /**
     * @param committed devices left out because of their events when the plans were computed: the plans hold only as
     *                  long as no other device gets committed in the Period
     * @param plans     the device plans delivering the order (empty when it cannot be delivered)
     * @param shortfall why the devices cannot deliver the order, or null when they can
     */
    public record Evaluation(String congestionPoint, Instant periodStart, Instant periodEnd, Set<String> committed,
                             List<FlexOfferStore.DevicePlanRow> plans, String shortfall) {

        public boolean deliverable() {
            return shortfall == null;
        }
    }

    private final ObjectProvider<ContextStore> contextStore;
    private final ObjectProvider<DeviceCommitments> commitments;
    private final SolveTimes solveTimes;
    private final Clock clock;
    private final FlexProperties flex;
    private final FlexOfferOptimizer optimizer = new FlexOfferOptimizer();

    public DirectOrderEvaluator(ObjectProvider<ContextStore> contextStore,
                                ObjectProvider<DeviceCommitments> commitments, SolveTimes solveTimes, Clock clock,
                                FlexProperties flex) {
        this.flex = flex;
        this.contextStore = contextStore;
        this.commitments = commitments;
        this.solveTimes = solveTimes;
        this.clock = clock;
    }

    /** Reads the context (a broker failure propagates, so the order is processed again later) and solves. */
    public Evaluation evaluate(FlexOrder order) {
        // an ISP that starts within the lead time is as good as begun: its devices cannot be told in time
        Instant now = flex.earliestChange(clock.instant());
        String cp = order.getCongestionPoint();
        IspCalendar calendar = new IspCalendar(ZoneId.of(order.getTimeZone()), order.getISPDuration());
        Instant periodStart = calendar.startOfPeriod(order.getPeriod());
        Instant periodEnd = calendar.startOfPeriod(order.getPeriod().plusDays(1));
        Set<String> committed = committed(cp, periodStart, periodEnd);
        Optional<String> begun = DirectOrders.begun(order, now);
        if (begun.isPresent()) {
            return new Evaluation(cp, periodStart, periodEnd, committed, List.of(), begun.get());
        }
        ContextStore context = contextStore.getIfAvailable();
        if (context == null) {
            return new Evaluation(cp, periodStart, periodEnd, committed, List.of(),
                    "no building context is configured");
        }
        OfferProblem built = new OfferProblemBuilder(context).build(DirectOrders.request(order, now), committed);
        if (!built.solvable()) {
            return new Evaluation(cp, periodStart, periodEnd, committed, List.of(), built.detail());
        }
        FlexOfferSolution solution = solveTimes.time(SolveTimes.FLEX_OFFER, () -> optimizer.solve(built.problem()));
        Optional<String> shortfall = solution.outcome() == FlexOfferSolution.Outcome.INFEASIBLE
                ? Optional.of("the devices cannot even keep their baseline (" + solution.detail() + ")")
                : DirectOrders.undelivered(order, solution);
        if (shortfall.isPresent()) {
            LOG.info("Direct FlexOrder {} on {}: {}", order.getMessageID(), cp, shortfall.get());
            return new Evaluation(cp, periodStart, periodEnd, committed, List.of(), shortfall.get());
        }
        return new Evaluation(cp, periodStart, periodEnd, committed, FlexOfferEngine.plans(built, solution), null);
    }

    /** False when devices were committed (or released) since the evaluation, which its plans did not account for. */
    public boolean current(Evaluation evaluation) {
        return committed(evaluation.congestionPoint(), evaluation.periodStart(), evaluation.periodEnd())
                .equals(evaluation.committed());
    }

    private Set<String> committed(String congestionPoint, Instant from, Instant to) {
        DeviceCommitments source = commitments.getIfAvailable();
        return source == null ? Set.of() : source.committed(congestionPoint, from, to);
    }
}
