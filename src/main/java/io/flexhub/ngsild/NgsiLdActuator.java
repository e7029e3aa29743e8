package io.flexhub.ngsild;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdDateTime;
import io.flexhub.ngsild.client.NgsiLdException;
import io.flexhub.site.Actuation;
import io.flexhub.site.ActuationException;
import io.flexhub.site.DeviceActuator;

/**
 * Device commands as NGSI-LD PATCH of the device's attributes ({@code powerLimit}, {@code controlMode},
 * {@code actuationReference}, each with {@code observedAt} so that the temporal history can be queried by time).
 * The device entity must already have these attributes: brokers drop unknown ones from a PATCH /attrs silently.
 */
@Component
@ConditionalOnExpression(NgsiLdBrokerConfiguration.BROKER)
public class NgsiLdActuator implements DeviceActuator {

    static final String LIMITED = "limited";
    static final String SCHEDULE = "schedule";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final NgsiLdClient client;
    private final Clock clock;

    public NgsiLdActuator(@Qualifier("site") NgsiLdClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void apply(Actuation a) {
        Instant at = a.effectiveAt() == null ? clock.instant() : a.effectiveAt();
        ObjectNode attrs = F.objectNode();
        if (a.command() == Actuation.Command.SETPOINT) {
            ObjectNode limit = property(F.numberNode(a.powerKw()), at);
            limit.put("unitCode", "KWT");
            attrs.set("powerLimit", limit);
            attrs.set("controlMode", property(F.textNode(LIMITED), at));
        } else {
            attrs.set("controlMode", property(F.textNode(SCHEDULE), at));
        }
        attrs.set("actuationReference", property(F.textNode(a.reference()), at));
        List<String> notUpdated;
        try {
            notUpdated = client.patchAttributes(a.deviceId(), attrs);
        } catch (NgsiLdException e) {
            boolean retryable = e.status() == 0 || e.status() >= 500;
            throw new ActuationException(a.command() + " for " + a.deviceId() + " failed: " + e.getMessage(),
                    retryable, e);
        }
        if (!notUpdated.isEmpty()) {
            throw new ActuationException("The broker did not update " + notUpdated + " of " + a.deviceId(), false, null);
        }
    }

    private static ObjectNode property(com.fasterxml.jackson.databind.JsonNode value, Instant at) {
        ObjectNode p = F.objectNode();
        p.put("type", "Property");
        p.set("value", value);
        p.put("observedAt", NgsiLdDateTime.format(at));
        return p;
    }
}
