package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_REQUEST;

import io.flexhub.usef.time.IspRange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexRequest;

/**
 * ExpirationDateTime must lie in the future and, as in shapeshifter-library-java, not after the end of the last
 * ISP the request lists: a request cannot stay open for ISPs that are already over.
 */
final class FlexRequestExpirationRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_REQUEST);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexRequest request = input.message(FlexRequest.class);
        OffsetDateTime expiration = request.getExpirationDateTime();
        if (expiration == null) {
            return List.of(RejectionReasons.withDetail(RejectionReasons.EXPIRATION_OUT_OF_BOUNDS, "missing"));
        }
        if (!expiration.toInstant().isAfter(input.now())) {
            return List.of(RejectionReasons.withDetail(RejectionReasons.EXPIRATION_OUT_OF_BOUNDS,
                    expiration + " is in the past"));
        }
        if (request.getPeriod() == null || !input.ispsWellFormed()) {
            return List.of();
        }
        long lastIsp = input.ispLists().get(0).ranges().stream().mapToLong(IspRange::last).max().orElseThrow();
        Instant lastIspEnd = input.calendar().ispEnd(request.getPeriod(), lastIsp);
        if (expiration.toInstant().isAfter(lastIspEnd)) {
            return List.of(RejectionReasons.withDetail(RejectionReasons.EXPIRATION_OUT_OF_BOUNDS,
                    expiration + " is after the end of ISP " + lastIsp + " at " + lastIspEnd));
        }
        return List.of();
    }
}
