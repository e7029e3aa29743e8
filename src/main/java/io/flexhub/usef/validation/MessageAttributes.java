package io.flexhub.usef.validation;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lfenergy.shapeshifter.api.AGRPortfolioQuery;
import org.lfenergy.shapeshifter.api.AGRPortfolioQueryResponse;
import org.lfenergy.shapeshifter.api.FlexMessageType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.Metering;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/** Attributes that several message types carry without a common JAXB base type. */
final class MessageAttributes {

    private MessageAttributes() {
    }

    static Optional<Duration> ispDuration(PayloadMessageType message) {
        if (message instanceof FlexMessageType m) {
            return Optional.ofNullable(m.getISPDuration());
        }
        if (message instanceof Metering m) {
            return Optional.ofNullable(m.getISPDuration());
        }
        return Optional.empty();
    }

    static Optional<String> timeZone(PayloadMessageType message) {
        if (message instanceof FlexMessageType m) {
            return Optional.ofNullable(m.getTimeZone());
        }
        if (message instanceof Metering m) {
            return Optional.ofNullable(m.getTimeZone());
        }
        if (message instanceof AGRPortfolioQueryResponse m) {
            return Optional.ofNullable(m.getTimeZone());
        }
        return Optional.empty();
    }

    static Optional<LocalDate> period(PayloadMessageType message) {
        if (message instanceof FlexMessageType m) {
            return Optional.ofNullable(m.getPeriod());
        }
        if (message instanceof Metering m) {
            return Optional.ofNullable(m.getPeriod());
        }
        if (message instanceof AGRPortfolioQueryResponse m) {
            return Optional.ofNullable(m.getPeriod());
        }
        if (message instanceof AGRPortfolioQuery m) {
            return Optional.ofNullable(m.getPeriod());
        }
        return Optional.empty();
    }

    static List<String> congestionPoints(PayloadMessageType message) {
        List<String> points = new ArrayList<>();
        if (message instanceof FlexMessageType m && m.getCongestionPoint() != null) {
            points.add(m.getCongestionPoint());
        }
        if (message instanceof FlexSettlement m) {
            m.getFlexOrderSettlements().stream()
                    .map(FlexOrderSettlementType::getCongestionPoint)
                    .filter(point -> point != null && !points.contains(point))
                    .forEach(points::add);
        }
        return points;
    }

    static boolean isPresent(String value) {
        return value != null && !value.isBlank();
    }
}
