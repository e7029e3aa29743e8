package io.flexhub.flex.dr;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.common.ApiException;
import io.flexhub.common.CongestionPointLock;
import io.flexhub.flex.LocalFlexRequest;
import io.flexhub.flex.LocalFlexResult;
import io.flexhub.flex.LocalFlexResult.Status;
import io.flexhub.flex.LocalFlexibility;
import io.flexhub.flex.dr.engine.DrState;
import io.flexhub.flex.dr.engine.EventSetpoints;
import io.flexhub.flex.dr.engine.LocalProblem;
import io.flexhub.flex.optimizer.DevicePlan;
import io.flexhub.flex.optimizer.FlexOfferOptimizer;
import io.flexhub.flex.optimizer.FlexOfferSolution;
import io.flexhub.flex.optimizer.ShiftableDevice;
import io.flexhub.flex.problem.DeviceFlexibility;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Device;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.Site;

/**
 * Flexibility asked for inside the hub, planned with the offer LP over the request's ISPs and run at once as
 * demand-response events. ENGINE_BUSY while a running or scheduled event of the congestion point overlaps the
 * request (checked again under the congestion point's lock before the events are written, the lock FlexOrders
 * take too, so neither two local requests nor a local request and an order plan at once), DENIED with the reason
 * when nothing can be delivered. A request naming a plan first cancels the events of the earlier request with that
 * plan (a nightly re-run replaces its own PV-surplus events instead of finding them in its way).
 */
@Component
public class DrLocalFlexibility implements LocalFlexibility {

    private static final Logger LOG = LoggerFactory.getLogger(DrLocalFlexibility.class);

    private final ContextStore context;
    private final DrEventStore store;
    private final DrNotifier notifier;
    private final DrActuation actuation;
    private final TransactionTemplate transactions;
    private final CongestionPointLock lock;
    private final Clock clock;
    private final FlexOfferOptimizer optimizer = new FlexOfferOptimizer();

    public DrLocalFlexibility(ContextStore context, DrEventStore store, DrNotifier notifier, DrActuation actuation,
                              TransactionTemplate transactions, CongestionPointLock lock, Clock clock) {
        this.context = context;
        this.store = store;
        this.notifier = notifier;
        this.actuation = actuation;
        this.transactions = transactions;
        this.lock = lock;
        this.clock = clock;
    }

    @Override
    public LocalFlexResult request(LocalFlexRequest asked) {
        // the DR interface starts at the next ISP boundary and the hub acts itself: no lead time, only no past
        LocalFlexRequest request = ahead(asked, clock.instant());
        double[] kw = request.kw();
        int count = kw.length;
        String cp = request.congestionPoint();
        Instant end = request.start().plus(request.isp().multipliedBy(count));
        double[] askedKw = asked.kw();
        if (count == 0 || Arrays.stream(askedKw).allMatch(v -> v == 0.0)) {
            return denied("nothing requested: every value is 0");
        }
        if (Arrays.stream(askedKw).noneMatch(v -> v > 0.0)) {
            return denied("no ISP asks for flexibility (a positive value); negative values only say where room is "
                    + "available");
        }
        if (!end.isAfter(clock.instant())) {
            // e.g. a self-consumption plan recomputed for a past day: its surplus cannot be acted on any more
            return denied("the requested period ended at " + end + "; nothing can be done about it now");
        }
        if (Arrays.stream(kw).noneMatch(v -> v > 0.0)) {
            return denied("every ISP that asks for flexibility has begun");
        }
        if (request.plan() != null) {
            withdraw(request.plan());
        }
        List<DrEvent> busy = store.overlapping(cp, request.start(), end);
        if (!busy.isEmpty()) {
            return busy(busy);
        }
        Optional<Site> site = context.siteByCongestionPoint(cp);
        if (site.isEmpty()) {
            return denied("no site behind congestion point " + cp);
        }
        ZoneId zone = site.get().timeZone();
        List<Device> devices = context.devices(cp);
        if (devices.isEmpty()) {
            return denied("no devices behind congestion point " + cp);
        }
        List<LocalProblem.DeviceInput> inputs = new ArrayList<>();
        for (Device d : devices) {
            FlexConfiguration config = context.flexConfigurationOf(d.id()).orElse(null);
            inputs.add(new LocalProblem.DeviceInput(d, config,
                    DeviceFlexibility.unusable(d, config, request.direction()) != null ? null
                            : context.baselineKw(d.id(), request.start(), request.isp(), count)));
        }
        LocalProblem.Built built = LocalProblem.build(request, zone, inputs);
        if (built.usableDevices() == 0) {
            return denied("no device behind " + cp + " offers flexibility: " + String.join("; ", built.notes()));
        }
        FlexOfferSolution solution;
        try {
            solution = optimizer.solve(built.problem());
        } catch (IllegalArgumentException e) {
            return denied("the devices' context is inconsistent: " + e.getMessage());
        }
        if (!solution.hasOffer()) {
            String why = solution.outcome() == FlexOfferSolution.Outcome.INFEASIBLE
                    ? "the devices cannot even keep their baseline (" + solution.detail() + ")"
                    : "the devices can deliver less than 1 W in every requested ISP";
            return denied(why + (built.notes().isEmpty() ? "" : "; " + String.join("; ", built.notes())));
        }
        String ref = "local-" + UUID.randomUUID();
        List<Double> demand = Arrays.stream(kw).boxed().toList();
        List<DrEvent.New> events = new ArrayList<>();
        for (DevicePlan plan : solution.devicePlan()) {
            double[] baseline = baselineOf(inputs, plan.deviceId());
            Optional<EventSetpoints> setpoints = plan instanceof DevicePlan.Curtailment c
                    ? EventSetpoints.curtailment(baseline, toArray(c.reductionKw()), 1.0)
                    : EventSetpoints.shift(baseline, DeviceFlexibility.wholeSchedule(shiftable(built, plan.deviceId()),
                            baseline, ((DevicePlan.Shift) plan).scheduleKw()), 1.0);
            setpoints.ifPresent(s -> events.add(new DrEvent.New(DrEvent.Source.LOCAL, ref, null, null, cp,
                    plan.deviceId(), request.start().plus(request.isp().multipliedBy(s.firstIsp())), request.isp(),
                    zone, s.kw(), demand, null)));
        }
        if (events.isEmpty()) {
            return denied("the plan changes no device by 1 W or more");
        }
        double[] delivered = new double[count];
        for (int t = 0; t < count; t++) {
            delivered[t] = solution.offerPowerKw().get(t) * request.direction().sign();
        }
        Instant now = clock.instant();
        String reason = "planned for " + request.source() + " request " + ref + ": requested "
                + DrNotifier.values(demand) + " kW, plan delivers " + DrNotifier.values(rounded(delivered)) + " kW";
        List<Long> ids = transactions.execute(tx -> {
            lock.lock(cp);
            if (!store.overlapping(cp, request.start(), end).isEmpty()) {
                return null;
            }
            List<Long> created = new ArrayList<>();
            for (DrEvent.New e : events) {
                created.add(store.insert(e, now, reason, request.plan()));
            }
            return created;
        });
        if (ids == null) {
            return busy(store.overlapping(cp, request.start(), end));
        }
        for (Long id : ids) {
            store.findById(id).ifPresent(e -> notifier.stateChanged(e, DrState.SCHEDULED, reason, now));
        }
        LOG.info("Local flexibility request {} at {} accepted: events {}", ref, cp, ids);
        return new LocalFlexResult(Status.ACCEPTED, reason + "; events " + ids, delivered, ids);
    }

    /** The request without the ISPs that started before {@code now}: the devices keep their baseline there. */
    private static LocalFlexRequest ahead(LocalFlexRequest request, Instant now) {
        double[] kw = request.kw();
        for (int t = 0; t < kw.length && request.start().plus(request.isp().multipliedBy(t)).isBefore(now); t++) {
            kw[t] = 0.0;
        }
        return new LocalFlexRequest(request.congestionPoint(), request.direction(), request.start(), request.isp(), kw,
                request.source(), request.plan());
    }

    /** The earlier plan's events give way: cancelled, a device already held is given back. */
    @Override
    public void withdraw(String plan) {
        for (Long id : store.openForPlan(plan)) {
            try {
                actuation.cancel(id, "superseded by a new plan for " + plan);
                LOG.info("DR event {} superseded by a new plan for {}", id, plan);
            } catch (ApiException e) {
                // it ended or is being actuated right now; the overlap check below tells whether it still stands
                LOG.info("DR event {} of plan {} not superseded: {}", id, plan, e.getMessage());
            }
        }
    }

    private static LocalFlexResult denied(String why) {
        return new LocalFlexResult(Status.DENIED, why, null, null);
    }

    private static LocalFlexResult busy(List<DrEvent> busy) {
        return new LocalFlexResult(Status.ENGINE_BUSY, "demand-response events still scheduled or running in that "
                + "period: " + busy.stream().map(e -> e.id() + " (" + e.deviceId() + ", " + e.state() + " until "
                + e.endAt() + ")").collect(Collectors.joining(", ")), null, null);
    }

    private static double[] baselineOf(List<LocalProblem.DeviceInput> inputs, String deviceId) {
        return inputs.stream().filter(i -> i.device().id().equals(deviceId)).findFirst()
                .map(LocalProblem.DeviceInput::baselineKw)
                .orElseThrow(() -> new IllegalStateException("plan for unknown device " + deviceId));
    }

    private static ShiftableDevice shiftable(LocalProblem.Built built, String deviceId) {
        return built.problem().shiftable().stream().filter(d -> d.id().equals(deviceId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("shift plan for unknown device " + deviceId));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> rounded(double[] kw) {
        return Arrays.stream(kw).map(v -> Math.round(v * 1000.0) / 1000.0).boxed().toList();
    }
}
