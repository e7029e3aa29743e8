package io.flexhub.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.flexhub.analytics.model.Forecast;
import io.flexhub.analytics.model.PointModel;
import io.flexhub.selfconsumption.RequestOutlook;
import io.flexhub.usef.UsefProperties;

/**
 * The nightly run's request outlook from the grid-pattern model: each planned ISP gets the highest probability of the
 * market ISPs it overlaps, as a REDUCE or an INCREASE chance by the direction the model expects there. ISPs whose
 * probability is below the model's direction threshold have no direction and count as no request.
 */
@Component
class ModelRequestOutlook implements RequestOutlook {

    private final FittedModels models;
    private final Duration marketIsp;

    ModelRequestOutlook(FittedModels models, UsefProperties usef) {
        this.models = models;
        this.marketIsp = usef.market().ispDuration();
    }

    @Override
    public Optional<Outlook> outlook(String congestionPoint, Instant start, Duration isp, int count) {
        Optional<PointModel> point = models.point(congestionPoint);
        if (point.isEmpty() || count <= 0) {
            return Optional.empty();
        }
        ZoneId zone = point.get().features().zone();
        Instant end = start.plus(isp.multipliedBy(count));
        LocalDate first = LocalDate.ofInstant(start, zone);
        LocalDate last = LocalDate.ofInstant(end.minusNanos(1), zone);
        Forecast forecast = point.get().forecast(first, (int) ChronoUnit.DAYS.between(first, last) + 1);
        double[] reduce = new double[count];
        double[] increase = new double[count];
        long step = isp.toMillis();
        for (Forecast.Day day : forecast.days()) {
            for (Forecast.Isp market : day.isps()) {
                if (market.direction() == null) {
                    continue;
                }
                double[] chance = "reduce".equals(market.direction()) ? reduce : increase;
                long from = Math.floorDiv(Duration.between(start, market.start()).toMillis(), step);
                long to = -Math.floorDiv(-Duration.between(start, market.start().plus(marketIsp)).toMillis(), step);
                for (long t = Math.max(0, from); t < Math.min(count, to); t++) {
                    chance[(int) t] = Math.max(chance[(int) t], market.probability());
                }
            }
        }
        return Optional.of(new Outlook(reduce, increase, forecast.method() + ", history "
                + forecast.history().first() + " to " + forecast.history().last()));
    }
}
