package io.flexhub.flex.dr;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.flexhub.common.ApiException;
import io.flexhub.common.HubInstance;
import io.flexhub.flex.dr.engine.DrExecution;
import io.flexhub.flex.dr.engine.DrExecution.Act;
import io.flexhub.flex.dr.engine.DrExecution.Finish;
import io.flexhub.flex.dr.engine.DrExecution.Result;
import io.flexhub.flex.dr.engine.DrExecution.Skip;
import io.flexhub.flex.dr.engine.DrExecution.Step;
import io.flexhub.flex.dr.engine.DrExecution.Wait;
import io.flexhub.flex.dr.engine.DrState;
import io.flexhub.notify.Alerts;
import io.flexhub.site.Actuation;
import io.flexhub.site.ActuationException;
import io.flexhub.site.control.DeviceControl;

/**
 * Runs due demand-response events (Camel-facing: {@link #due()} and {@link #run(long)} for the dr-actuate poller):
 * claims the event, asks {@link DrExecution} what to do, sends the command, stores the outcome, records and
 * notifies state changes, and releases the event.
 */
@Component("drActuation")
public class DrActuation {

    private static final Logger LOG = LoggerFactory.getLogger(DrActuation.class);
    private static final int BATCH = 100;

    private final DrEventStore store;
    private final DeviceControl control;
    private final DrNotifier notifier;
    private final Alerts alerts;
    private final HubInstance instance;
    private final Clock clock;
    private final DrProperties properties;
    private final DrExecution execution;

    public DrActuation(DrEventStore store, DeviceControl control, DrNotifier notifier, Alerts alerts,
                       HubInstance instance, Clock clock, DrProperties properties) {
        this.store = store;
        this.control = control;
        this.notifier = notifier;
        this.alerts = alerts;
        this.instance = instance;
        this.clock = clock;
        this.properties = properties;
        DrProperties.Retry retry = properties.retry();
        this.execution = new DrExecution(new DrExecution.Policy(retry.initialDelay(), retry.maxDelay(),
                retry.alertAfter(), retry.restoreAttempts()));
    }

    public List<Long> due() {
        return store.findDue(clock.instant(), BATCH);
    }

    /** Handles one due event; one claimed by another instance first is skipped. */
    public void run(long eventId) {
        Instant now = clock.instant();
        Optional<DrEvent> claimed = store.claimDue(eventId, instance.id(), now, now.plus(properties.lease()));
        if (claimed.isPresent()) {
            advance(claimed.get());
        }
    }

    /**
     * Operator cancel: the event ends CANCELLED and a device holding a setpoint is given back (retried by the
     * poller if the device cannot be reached now).
     */
    public DrEvent cancel(long eventId, String reason) {
        Instant now = clock.instant();
        DrEvent event = store.findById(eventId)
                .orElseThrow(() -> ApiException.notFound("No demand-response event " + eventId));
        if (event.state().isFinal()) {
            throw new ApiException(409, "Conflict", "Event " + eventId + " is already " + event.state());
        }
        DrEvent held = store.claim(eventId, instance.id(), now, now.plus(properties.lease()))
                .orElseThrow(() -> new ApiException(409, "Conflict", "Event " + eventId
                        + " is being actuated right now; retry in a few seconds"));
        if (held.state().isFinal()) {
            store.release(eventId, instance.id());
            throw new ApiException(409, "Conflict", "Event " + eventId + " is already " + held.state());
        }
        DrExecution.Progress p = held.progress();
        DrExecution.Progress cancelled = new DrExecution.Progress(DrState.CANCELLED, p.startAt(), p.endAt(), p.isp(),
                p.setpointsKw(), p.appliedIsp(), p.appliedKw(), p.acted(), p.appliedKw() != null, p.missedIsps(), 0,
                false);
        Result result = new Result(cancelled, now, new DrExecution.Transition(held.state(), DrState.CANCELLED, reason),
                null, null, null);
        // the lease is kept for the restore, so the poller cannot take the event in between
        store.save(eventId, instance.id(), result, now, false);
        record(held, result, now);
        if (cancelled.restorePending()) {
            advance(store.findById(eventId).orElseThrow());
        } else {
            store.release(eventId, instance.id());
        }
        return store.findById(eventId).orElseThrow();
    }

    /** One step of a claimed event; the event is released whatever happens. */
    private void advance(DrEvent event) {
        try {
            Instant now = clock.instant();
            Step step = execution.next(event.progress(), now);
            Result result;
            if (step instanceof Wait wait) {
                result = new Result(event.progress(), wait.until(), null, null, null, null);
            } else if (step instanceof Skip skip) {
                result = execution.skipped(event.progress(), skip);
            } else if (step instanceof Finish finish) {
                result = execution.finish(event.progress(), finish, now);
            } else {
                result = act(event, (Act) step, now);
            }
            Instant done = clock.instant();
            if (!store.save(event.id(), instance.id(), result, done)) {
                LOG.warn("DR event {} was taken over by another instance (lease ran out); its result is dropped",
                        event.id());
                return;
            }
            record(event, result, done);
        } finally {
            store.release(event.id(), instance.id());
        }
    }

    private Result act(DrEvent event, Act act, Instant now) {
        Actuation actuation = new Actuation(event.deviceId(),
                act.command() == DrExecution.Command.SETPOINT ? Actuation.Command.SETPOINT : Actuation.Command.RESTORE,
                act.kw(), now, "dr-event-" + event.id() + "/" + act.isp());
        boolean ends = act.isp() == DrExecution.FINAL_RESTORE || act.isp() >= event.setpointsKw().size();
        try {
            Actuation sent = control.event("dr-event-" + event.id(), event.startAt(), actuation, ends);
            LOG.info("DR event {}: {} {} kW applied to {} (ISP {})", event.id(), sent.command(), sent.powerKw(),
                    event.deviceId(), act.isp());
            return execution.succeeded(event.progress(), act, now);
        } catch (ActuationException e) {
            LOG.warn("DR event {}: {} to {} failed ({}): {}", event.id(), actuation.command(), event.deviceId(),
                    e.retryable() ? "retryable" : "permanent", e.getMessage());
            return execution.failed(event.progress(), act, e.retryable(), e.getMessage(), now);
        } catch (RuntimeException e) {
            // an adapter bug is no reason to give up a binding order: treat it as retryable and let alerts tell
            LOG.error("DR event {}: actuator error", event.id(), e);
            return execution.failed(event.progress(), act, true, String.valueOf(e), now);
        }
    }

    private void record(DrEvent event, Result result, Instant now) {
        DrExecution.Transition t = result.transition();
        if (t != null) {
            store.transition(event.id(), t.from(), t.to(), t.reason(), now);
            notifier.stateChanged(event, t.to(), t.reason(), now);
        }
        if (result.alert() != null) {
            alerts.raise("Demand-response event " + event.id() + " (" + event.deviceId() + ")", result.alert());
            if (t == null || t.to() != DrState.FAILED) {
                notifier.failure(event, result.alert(), now);
            }
        }
    }
}
