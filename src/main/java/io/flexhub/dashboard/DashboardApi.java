package io.flexhub.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;


import io.flexhub.common.ApiException;
import io.flexhub.common.JsonReplies;
import io.flexhub.flex.dr.DrEvent;
import io.flexhub.flex.dr.DrEventStore;
import io.flexhub.site.ContextStore;
import io.flexhub.usef.UsefProperties;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.xml.UftpJaxb;

/**
 * JSON the dashboard pages need and no other API answers: the UFTP conversations of a congestion point as ISP
 * series ({@link FlexConversations}) and a demand-response event's setpoints against its device's baseline.
 */
@Component("dashboardApi")
public class DashboardApi {

    static final int MAX_DAYS = 31;
    private static final int MAX_CONVERSATIONS = 200;
    private static final int MAX_MESSAGES = 500;

    private final UftpMessageStore messages;
    private final UftpJaxb jaxb;
    private final DrEventStore events;
    private final ContextStore context;
    private final UsefProperties usef;
    private final Clock clock;

    public DashboardApi(UftpMessageStore messages, UftpJaxb jaxb, DrEventStore events, ContextStore context,
                        UsefProperties usef, Clock clock) {
        this.messages = messages;
        this.jaxb = jaxb;
        this.events = events;
        this.context = context;
        this.usef = usef;
        this.clock = clock;
    }

    public Map<String, Object> flexibility(@Header("congestionPoint") String congestionPoint,
                                           @Header("from") String from, @Header("to") String to) {
        if (congestionPoint == null || congestionPoint.isBlank()) {
            throw ApiException.badRequest("congestionPoint is required, e.g. ?congestionPoint=ean.871685900012636543");
        }
        IspCalendar calendar = new IspCalendar(usef.market().timeZone(), usef.market().ispDuration());
        LocalDate today = LocalDate.ofInstant(clock.instant(), calendar.zone());
        LocalDate first = JsonReplies.date("from", from, today);
        LocalDate last = JsonReplies.date("to", to, today.plusDays(1));
        if (last.isBefore(first)) {
            throw ApiException.badRequest("to must not be before from, got from " + first + " to " + last);
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ApiException.badRequest("from..to may span at most " + MAX_DAYS + " days, got " + first + ".." + last);
        }
        String cp = congestionPoint.trim();
        List<List<FlexConversations.Stored>> conversations = new ArrayList<>();
        for (String id : messages.flexRequestConversations(cp, first, last, MAX_CONVERSATIONS)) {
            List<UftpMessageRecord> records = new ArrayList<>(messages.list(id, null, MAX_MESSAGES, 0));
            records.sort((a, b) -> Long.compare(a.id(), b.id()));
            conversations.add(records.stream().map(r -> new FlexConversations.Stored(r,
                    jaxb.unmarshal(r.payloadXml().getBytes(java.nio.charset.StandardCharsets.UTF_8)))).toList());
        }
        return new FlexConversations(calendar, first, last).view(cp, conversations);
    }

    public Map<String, Object> drBaseline(@Header("id") String id) {
        long eventId;
        try {
            eventId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("event id must be a number, got " + id);
        }
        DrEvent event = events.findById(eventId)
                .orElseThrow(() -> ApiException.notFound("No demand-response event " + id));
        int count = event.setpointsKw().size();
        double[] baseline = context.baselineKw(event.deviceId(), event.startAt(), event.isp(), count);
        List<String> timestamps = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = event.startAt().plus(event.isp().multipliedBy(i));
            timestamps.add(at.toString());
            base.add(i < baseline.length ? baseline[i] : null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("deviceId", event.deviceId());
        body.put("timestamps", timestamps);
        body.put("baselineKw", base);
        body.put("setpointsKw", event.setpointsKw());
        return body;
    }
}
