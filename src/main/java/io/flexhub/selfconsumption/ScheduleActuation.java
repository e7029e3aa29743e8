package io.flexhub.selfconsumption;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.flexhub.common.HubInstance;
import io.flexhub.site.ActuationException;
import io.flexhub.site.control.DeviceControl;

/**
 * Applies due schedule setpoints through the device actuator ({@code selfconsumption-actuate} route). A command the
 * actuator may accept later (broker down) is retried after {@code retry-delay}, up to {@code max-attempts}; one it
 * refuses for good (unknown device) fails at once. Failures stay in {@code schedule_command} with their error. A
 * command for an ISP in which a demand-response event holds the device is not sent ({@code DEFERRED}, see
 * {@link DeviceControl}): the event gives the device the schedule's latest value when it ends.
 */
@Component("scheduleActuation")
public class ScheduleActuation {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleActuation.class);

    private final CommandStore store;
    private final DeviceControl control;
    private final SelfConsumptionProperties properties;
    private final HubInstance instance;
    private final Clock clock;

    public ScheduleActuation(CommandStore store, DeviceControl control, SelfConsumptionProperties properties,
            HubInstance instance, Clock clock) {
        this.store = store;
        this.control = control;
        this.properties = properties;
        this.instance = instance;
        this.clock = clock;
    }

    public List<Long> due() {
        return store.findDue(clock.instant(), 200);
    }

    public void apply(long id) {
        Instant now = clock.instant();
        store.claim(id, instance.id(), now, now.plus(properties.actuation().lease())).ifPresent(c -> {
            try {
                OptionalLong event = control.schedule(c.actuation());
                if (event.isPresent()) {
                    store.deferred(id, "demand-response event " + event.getAsLong() + " holds the device in this ISP; "
                            + "the schedule resumes when it ends", clock.instant());
                } else {
                    store.applied(id, clock.instant());
                }
            } catch (ActuationException e) {
                if (e.retryable() && c.attempts() + 1 < properties.actuation().maxAttempts()) {
                    store.retryLater(id, e.getMessage(), clock.instant().plus(properties.actuation().retryDelay()));
                } else {
                    LOG.warn("schedule command {} for {} failed: {}", id, c.actuation().deviceId(), e.getMessage());
                    store.failed(id, e.getMessage());
                }
            }
        });
    }
}
