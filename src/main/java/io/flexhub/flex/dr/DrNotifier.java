package io.flexhub.flex.dr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.StringJoiner;

import org.springframework.stereotype.Component;

import io.flexhub.flex.dr.engine.DrState;
import io.flexhub.notify.Notification;
import io.flexhub.notify.Notifications;
import io.flexhub.notify.template.MessageTemplate;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Site;

/**
 * Mails about demand response in the seed's style: {@code Demand/Request / request status $status - $TIME} with
 * {@code Demand: [values]} in the body for the DR interface, {@code FlexOrder <id> / event status $state - $TIME}
 * for UFTP orders. Recipients are the site's; with none the category's defaults apply.
 */
@Component
public class DrNotifier {

    public static final String STATUS = "dr-status";
    public static final String FAILURE = "dr-failure";

    private final Notifications notifications;
    private final ContextStore context;

    public DrNotifier(Notifications notifications, ContextStore context) {
        this.notifications = notifications;
        this.context = context;
    }

    /** {@code 2026-11-26T15:45:00+01:00}: the site's local time, to the second. */
    public static String time(Instant instant, ZoneId zone) {
        return MessageTemplate.time(instant, zone);
    }

    /** {@code [0, 0, 0.5, -1.3]}: numbers as written by the caller, without trailing zeros. */
    public static String values(List<Double> kw) {
        StringJoiner joined = new StringJoiner(", ", "[", "]");
        for (Double v : kw) {
            joined.add(v == null ? "-" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
        }
        return joined.toString();
    }

    /** The answer to a DR-interface request. */
    public void requestStatus(String congestionPoint, String status, Instant at, ZoneId zone, List<Double> demand,
                              String detail, String reference) {
        String subject = "Demand/Request / request status " + status + " - " + time(at, zone);
        String body = "Demand: " + values(demand) + "\n\n" + detail + "\n";
        notifications.send(new Notification(STATUS, recipients(congestionPoint), subject, body, reference));
    }

    /** The seed's error mail of the DR interface. */
    public void requestError(String congestionPoint, int statusCode, String detail, Instant at, ZoneId zone) {
        String subject = "Demand/Request / error - " + time(at, zone);
        String body = "Error: " + statusCode + "\n\n" + detail + "\n";
        notifications.send(new Notification(STATUS, recipients(congestionPoint), subject, body, null));
    }

    public void stateChanged(DrEvent event, DrState to, String reason, Instant at) {
        String time = time(at, event.timeZone());
        String subject = event.source() == DrEvent.Source.LOCAL
                ? "Demand/Request / request status " + to + " - " + time
                : "FlexOrder " + event.orderMessageId() + " / event status " + to + " - " + time;
        String body = "Demand: " + values(event.demandKw()) + "\n"
                + "Event: " + event.id() + " (" + event.source() + " " + event.sourceRef() + ")\n"
                + "Device: " + event.deviceId() + " at " + event.congestionPoint() + "\n"
                + "Period: " + time(event.startAt(), event.timeZone()) + " to " + time(event.endAt(), event.timeZone())
                + "\n"
                + "Setpoints (kW per ISP, - = own schedule): " + values(event.setpointsKw()) + "\n"
                + "Reason: " + reason + "\n";
        String category = to == DrState.FAILED ? FAILURE : STATUS;
        notifications.send(new Notification(category, recipients(event.congestionPoint()), subject, body,
                "dr-event-" + event.id()));
    }

    private List<String> recipients(String congestionPoint) {
        return context.siteByCongestionPoint(congestionPoint).map(Site::recipients).orElse(List.of());
    }

    /** A failure that needs attention while the event goes on (retries exhausted, restore given up). */
    public void failure(DrEvent event, String detail, Instant at) {
        String subject = (event.source() == DrEvent.Source.LOCAL ? "Demand/Request" : "FlexOrder " + event.orderMessageId())
                + " / event " + event.id() + " problem - " + time(at, event.timeZone());
        String body = "Demand: " + values(event.demandKw()) + "\n"
                + "Device: " + event.deviceId() + " at " + event.congestionPoint() + "\n"
                + "Problem: " + detail + "\n";
        notifications.send(new Notification(FAILURE, recipients(event.congestionPoint()), subject, body,
                "dr-event-" + event.id()));
    }
}
