package io.flexhub.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.flexhub.site.Actuation;
import io.flexhub.site.ActuationException;
import io.flexhub.site.DeviceActuator;

/**
 * The device side in end-to-end tests: records every command that reached a device (and passes it on to the hub's
 * own actuator), and fails the next commands to a device when a test asks it to (a broker that is down).
 */
public final class RecordingActuator implements DeviceActuator {

    private final Supplier<DeviceActuator> next;

    public RecordingActuator(Supplier<DeviceActuator> next) {
        this.next = next;
    }

    private final List<Actuation> applied = new CopyOnWriteArrayList<>();
    private final List<Actuation> refused = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<ActuationException>> failures = new ConcurrentHashMap<>();

    @Override
    public void apply(Actuation actuation) {
        Deque<ActuationException> queue = failures.get(actuation.deviceId());
        ActuationException failure = queue == null ? null : queue.pollFirst();
        if (failure != null) {
            refused.add(actuation);
            throw failure;
        }
        DeviceActuator actuator = next.get();
        if (actuator != null) {
            actuator.apply(actuation);
        }
        applied.add(actuation);
    }

    /** The next {@code times} commands to the device fail. */
    public void fail(String deviceId, int times, boolean retryable) {
        Deque<ActuationException> queue = failures.computeIfAbsent(deviceId, d -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(new ActuationException("device " + deviceId + " unreachable (test)", retryable, null));
            }
        }
    }

    public List<Actuation> applied(String deviceId) {
        return applied.stream().filter(a -> a.deviceId().equals(deviceId)).toList();
    }

    public List<Actuation> refused(String deviceId) {
        return refused.stream().filter(a -> a.deviceId().equals(deviceId)).toList();
    }

    public void clear() {
        applied.clear();
        refused.clear();
        failures.clear();
    }
}
