package io.flexhub.site.embedded;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.flexhub.site.Actuation;
import io.flexhub.site.ActuationException;
import io.flexhub.site.DeviceActuator;

/**
 * Device commands when there is no broker to forward them to: each is recorded in {@code site_actuation}
 * ({@code GET /api/site/actuations}) so that what the engines decided stays visible and auditable.
 */
@Component
@ConditionalOnExpression(EmbeddedContextStore.EMBEDDED)
public class EmbeddedActuator implements DeviceActuator {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedActuator.class);

    private final SiteRepository repository;
    private final Clock clock;

    public EmbeddedActuator(SiteRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public void apply(Actuation actuation) {
        if (repository.device(actuation.deviceId()).isEmpty()) {
            throw new ActuationException("Unknown device " + actuation.deviceId(), false, null);
        }
        boolean recorded;
        try {
            recorded = repository.recordActuation(actuation, clock.instant());
        } catch (DataAccessException e) {
            throw new ActuationException("Could not record the command for " + actuation.deviceId(), true, e);
        }
        if (recorded) {
            LOG.info("Device {}: {} {} kW from {} ({})", actuation.deviceId(), actuation.command(),
                    actuation.powerKw(), actuation.effectiveAt(), actuation.reference());
        }
    }
}
