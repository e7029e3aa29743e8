package io.flexhub.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Header;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;


import io.flexhub.analytics.model.Backtest;
import io.flexhub.analytics.model.Forecast;
import io.flexhub.analytics.model.OfferSeen;
import io.flexhub.analytics.model.Patterns;
import io.flexhub.analytics.model.PointModel;
import io.flexhub.common.ApiException;
import io.flexhub.common.JsonReplies;
import io.flexhub.site.ContextStore;

/**
 * {@code GET /api/analytics/congestion-points/{cp}/forecast|backtest|patterns}: reads the query, asks the fitted
 * model ({@link FittedModels}) and answers JSON. Every parameter is checked here and refused with a 400 naming it;
 * a congestion point without history is a 404.
 */
@Component("analyticsModelApi")
public class AnalyticsModelApi {

    static final int DEFAULT_FORECAST_DAYS = 7;
    /** A forecast from far in the past or future says nothing the model knows; the bound keeps dates sane. */
    static final int MAX_YEARS_AWAY = 10;
    private static final int MAX_LEADS = 7;

    private final FittedModels models;
    private final AnalyticsModelProperties properties;
    private final ContextStore context;
    private final ObjectProvider<OffersSeen> offers;
    private final Clock clock;

    public AnalyticsModelApi(FittedModels models, AnalyticsModelProperties properties, ContextStore context,
                             ObjectProvider<OffersSeen> offers, Clock clock) {
        this.models = models;
        this.properties = properties;
        this.context = context;
        this.offers = offers;
        this.clock = clock;
    }

    public Map<String, Object> forecast(@Header("cp") String cp, @Header("from") String from,
                                        @Header("days") String days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), models.model().features().zone());
        LocalDate first = date(from, today);
        int count = days(days);
        PointModel model = point(cp);
        Forecast forecast = model.forecast(first, count);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("congestionPoint", forecast.congestionPoint());
        body.put("method", forecast.method());
        body.put("parameters", model.parameters());
        body.put("history", forecast.history());
        body.put("days", forecast.days());
        return body;
    }

    public Map<String, Object> backtest(@Header("cp") String cp, @Header("leads") String leads,
                                        @Header("threshold") String threshold) {
        Backtest.Parameters defaults = properties.backtest();
        Backtest.Parameters parameters = new Backtest.Parameters(leads(leads, defaults.leadDays()),
                fraction("threshold", threshold, defaults.threshold()), defaults.reliabilityBins(),
                defaults.warmUpDays(), defaults.evaluationDays());
        PointModel model = point(cp);
        Backtest.Result result = models.backtest(model.congestionPoint(), parameters);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("congestionPoint", result.congestionPoint());
        body.put("method", result.method());
        body.put("firstTarget", result.firstTarget());
        body.put("lastTarget", result.lastTarget());
        body.put("threshold", result.threshold());
        body.put("warmUpDays", parameters.warmUpDays());
        body.put("evaluationDays", parameters.evaluationDays());
        body.put("leads", result.leads());
        return body;
    }

    public Patterns.Report patterns(@Header("cp") String cp, @Header("threshold") String threshold) {
        Patterns.Parameters defaults = properties.patterns();
        Patterns.Parameters parameters = new Patterns.Parameters(
                fraction("threshold", threshold, defaults.windowThreshold()), defaults.windowsPerCell(),
                defaults.ratePlanWindows(), defaults.occupantShare());
        PointModel model = point(cp);
        List<Patterns.SiteRef> sites = new ArrayList<>();
        context.sites().stream().filter(s -> model.congestionPoint().equals(s.congestionPoint()))
                .forEach(s -> sites.add(new Patterns.SiteRef(s.id(), s.name())));
        List<OfferSeen> seen = List.of();
        OffersSeen source = offers.getIfAvailable();
        if (source != null && !sites.isEmpty()) {
            FittedModels.Range range = models.range();
            seen = source.offers(model.congestionPoint(), range.from(), range.to());
        }
        return new Patterns(parameters).report(model, sites, seen);
    }

    private PointModel point(String cp) {
        if (cp == null || cp.isBlank()) {
            throw ApiException.badRequest("the congestion point is missing from the path");
        }
        String id = cp.strip();
        return models.point(id).orElseThrow(() -> ApiException.notFound(
                "No FlexRequest history for congestion point " + id + ", so there is nothing to learn from"));
    }

    private static LocalDate date(String raw, LocalDate today) {
        LocalDate date = JsonReplies.date("from", raw, today);
        if (date.isBefore(today.minusYears(MAX_YEARS_AWAY)) || date.isAfter(today.plusYears(MAX_YEARS_AWAY))) {
            throw ApiException.badRequest("from must lie within " + MAX_YEARS_AWAY + " years of today, got " + date);
        }
        return date;
    }

    private int days(String raw) {
        int max = properties.maxForecastDays();
        if (raw == null || raw.isBlank()) {
            return Math.min(DEFAULT_FORECAST_DAYS, max);
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("days must be a whole number from 1 to " + max + ", got '" + raw + "'");
    }

    private static List<Integer> leads(String raw, List<Integer> defaults) {
        if (raw == null || raw.isBlank()) {
            return defaults;
        }
        List<Integer> leads = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            try {
                int lead = Integer.parseInt(part.strip());
                if (lead >= 1 && lead <= 28 && !leads.contains(lead)) {
                    leads.add(lead);
                    continue;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw ApiException.badRequest("leads must be distinct whole days from 1 to 28 separated by commas, "
                    + "e.g. 1,2,7; got '" + raw + "'");
        }
        if (leads.size() > MAX_LEADS) {
            throw ApiException.badRequest("leads may name at most " + MAX_LEADS + " lead times, got " + leads.size());
        }
        return leads;
    }

    private static double fraction(String name, String raw, double dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            double value = Double.parseDouble(raw.strip());
            if (value > 0 && value < 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a number between 0 and 1 (exclusive), got '" + raw + "'");
    }
}
