package io.flexhub.ngsild;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.ngsild.client.EntityOptions;
import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdDateTime;
import io.flexhub.ngsild.client.NgsiLdException;
import io.flexhub.ngsild.client.NgsiLdValues;
import io.flexhub.site.Actuation;
import io.flexhub.site.ActuationException;
import io.flexhub.site.DeviceActuator;
import io.flexhub.site.DeviceSetting;
import io.flexhub.site.embedded.SiteRepository;
import io.flexhub.site.embedded.SiteRepository.Answer;

/**
 * Device commands as NGSI-LD writes of the device's attributes ({@code powerLimit}, {@code controlMode},
 * {@code actuationReference}, each with {@code observedAt} so that the temporal history can be queried by time).
 * Written with an append ({@code POST /entities/{id}/attrs}), which creates attributes the entity lacks: Scorpio and
 * Orion-LD answer a PATCH of such attributes with 204 and change nothing. What the broker then holds is read back, and
 * a command counts as applied only if the broker kept its values. Every command is recorded in
 * {@code site_actuation} with the broker's answer ({@code GET /api/site/actuations}).
 */
@Component
@ConditionalOnExpression(NgsiLdBrokerConfiguration.BROKER)
public class NgsiLdActuator implements DeviceActuator {

    private static final Logger LOG = LoggerFactory.getLogger(NgsiLdActuator.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String POWER_LIMIT = "powerLimit";
    private static final String CONTROL_MODE = "controlMode";
    private static final String REFERENCE = "actuationReference";
    private static final EntityOptions READ_BACK = new EntityOptions(List.of(POWER_LIMIT, CONTROL_MODE, REFERENCE),
            false, false);

    private final NgsiLdClient client;
    private final Clock clock;
    private final SiteRepository log;

    @Autowired
    public NgsiLdActuator(@Qualifier("site") NgsiLdClient client, Clock clock, SiteRepository log) {
        this.client = client;
        this.clock = clock;
        this.log = log;
    }

    /** Without a record of the commands (adapter tests without a database). */
    public NgsiLdActuator(NgsiLdClient client, Clock clock) {
        this(client, clock, null);
    }

    @Override
    public void apply(Actuation a) {
        Instant at = a.effectiveAt() == null ? clock.instant() : a.effectiveAt();
        DeviceSetting target = target(a);
        ObjectNode attrs = F.objectNode();
        if (target.powerLimitKw() != null) {
            ObjectNode limit = property(F.numberNode(target.powerLimitKw()), at);
            limit.put("unitCode", "KWT");
            attrs.set(POWER_LIMIT, limit);
        }
        attrs.set(CONTROL_MODE, property(F.textNode(target.controlMode()), at));
        attrs.set(REFERENCE, property(F.textNode(a.reference()), at));
        // a restore to a device that had no power limit before takes the event's one away again
        boolean dropLimit = a.command() == Actuation.Command.RESTORE && a.restoreTo() != null
                && a.restoreTo().powerLimitKw() == null;
        String what = a.command() + " for " + a.deviceId();
        NgsiLdClient.AttrsAnswer answer;
        String lost;
        try {
            answer = client.appendAttributes(a.deviceId(), attrs);
            if (!answer.notUpdated().isEmpty()) {
                String detail = "not updated: " + answer.notUpdated();
                record(a, at, new Answer("NOT_KEPT", answer.status(), null, detail));
                throw new ActuationException("The broker did not update " + answer.notUpdated() + " of "
                        + a.deviceId(), false, null);
            }
            if (dropLimit) {
                client.deleteAttribute(a.deviceId(), POWER_LIMIT);
            }
            lost = readBack(a.deviceId(), target, a.reference(), dropLimit);
        } catch (NgsiLdException e) {
            boolean retryable = e.status() == 0 || e.status() >= 500;
            record(a, at, new Answer(e.status() == 0 ? "UNREACHABLE" : "REFUSED", e.status() == 0 ? null : e.status(),
                    e.title(), e.status() == 0 ? e.getMessage() : e.detail()));
            throw new ActuationException(what + " failed: " + e.getMessage(), retryable, e);
        }
        if (lost != null) {
            record(a, at, new Answer("NOT_KEPT", answer.status(), null, lost));
            throw new ActuationException("The broker answered " + answer.status() + " to " + what
                    + " but does not hold it: " + lost, false, null);
        }
        record(a, at, new Answer("APPLIED", answer.status(), null, null));
    }

    @Override
    public Optional<DeviceSetting> current(String deviceId) {
        try {
            JsonNode entity = client.getEntity(deviceId, READ_BACK).orElseThrow(() -> new ActuationException(
                    "Device " + deviceId + " is not on the broker", false, null));
            JsonNode limit = NgsiLdValues.attribute(entity, POWER_LIMIT);
            return Optional.of(new DeviceSetting(
                    NgsiLdValues.number(limit).isPresent() ? NgsiLdValues.number(limit).getAsDouble() : null,
                    NgsiLdValues.text(NgsiLdValues.attribute(entity, CONTROL_MODE)).orElse(null)));
        } catch (NgsiLdException e) {
            throw new ActuationException("Reading " + deviceId + " failed: " + e.getMessage(),
                    e.status() == 0 || e.status() >= 500, e);
        }
    }

    private static DeviceSetting target(Actuation a) {
        if (a.command() == Actuation.Command.SETPOINT) {
            return new DeviceSetting(a.powerKw(), DeviceSetting.LIMITED);
        }
        DeviceSetting back = a.restoreTo();
        return new DeviceSetting(back == null ? null : back.powerLimitKw(),
                back == null || back.controlMode() == null ? DeviceSetting.SCHEDULE : back.controlMode());
    }

    /** What differs between the broker's entity and the command, or null when it holds the command. */
    private String readBack(String deviceId, DeviceSetting target, String reference, boolean noLimit) {
        Optional<JsonNode> entity = client.getEntity(deviceId, READ_BACK);
        if (entity.isEmpty()) {
            return "the device entity is not on the broker";
        }
        List<String> lost = new ArrayList<>();
        JsonNode limit = NgsiLdValues.attribute(entity.get(), POWER_LIMIT);
        if (noLimit && !limit.isMissingNode()) {
            lost.add("powerLimit is still " + NgsiLdValues.value(limit));
        } else if (target.powerLimitKw() != null && (NgsiLdValues.number(limit).isEmpty()
                || Math.abs(NgsiLdValues.number(limit).getAsDouble() - target.powerLimitKw()) > 1e-9)) {
            lost.add("powerLimit is " + text(limit) + ", not " + target.powerLimitKw());
        }
        String mode = NgsiLdValues.text(NgsiLdValues.attribute(entity.get(), CONTROL_MODE)).orElse(null);
        if (!target.controlMode().equals(mode)) {
            lost.add("controlMode is " + (mode == null ? "missing" : mode) + ", not " + target.controlMode());
        }
        String ref = NgsiLdValues.text(NgsiLdValues.attribute(entity.get(), REFERENCE)).orElse(null);
        if (!reference.equals(ref)) {
            lost.add("actuationReference is " + (ref == null ? "missing" : ref) + ", not " + reference);
        }
        return lost.isEmpty() ? null : String.join("; ", lost);
    }

    private static String text(JsonNode attr) {
        return attr.isMissingNode() ? "missing" : NgsiLdValues.value(attr).toString();
    }

    private void record(Actuation a, Instant at, Answer answer) {
        if (log == null) {
            return;
        }
        try {
            log.recordActuation(new Actuation(a.deviceId(), a.command(), a.powerKw(), at, a.reference(), a.restoreTo()),
                    clock.instant(), answer, true);
        } catch (DataAccessException e) {
            // the command's fate is the broker's answer; a lost audit row must not turn it into a failure
            LOG.warn("command {} for {} not recorded: {}", a.reference(), a.deviceId(), e.getMessage());
        }
    }

    private static ObjectNode property(JsonNode value, Instant at) {
        ObjectNode p = F.objectNode();
        p.put("type", "Property");
        p.set("value", value);
        p.put("observedAt", NgsiLdDateTime.format(at));
        return p;
    }
}
