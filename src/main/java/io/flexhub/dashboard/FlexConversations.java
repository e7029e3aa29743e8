package io.flexhub.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.lfenergy.shapeshifter.api.FlexMessageType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.PayloadMessageResponseType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.time.IspCalendar;

/**
 * The flexibility page's view of the stored UFTP conversations of one congestion point: per ISP of the days shown
 * the requested power bounds, Requested and Available ISPs as bands, the power offered and ordered, and each
 * conversation as a timeline of its messages. Plain Java over the JAXB payloads, so that it is tested without HTTP.
 */
final class FlexConversations {

    /** One stored message with its payload as parsed. */
    record Stored(UftpMessageRecord record, PayloadMessageType payload) {
    }

    private final IspCalendar calendar;
    private final LocalDate from;
    private final LocalDate to;
    private final List<Instant> timestamps = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    FlexConversations(IspCalendar calendar, LocalDate from, LocalDate to) {
        this.calendar = calendar;
        this.from = from;
        this.to = to;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (int isp = 1; isp <= calendar.ispCount(day); isp++) {
                index.put(day + "#" + isp, timestamps.size());
                timestamps.add(calendar.ispStart(day, isp));
            }
        }
    }

    /** @param conversations each conversation's messages, oldest first; conversations newest first */
    Map<String, Object> view(String congestionPoint, List<List<Stored>> conversations) {
        int n = timestamps.size();
        Double[] requestedMin = new Double[n];
        Double[] requestedMax = new Double[n];
        String[] disposition = new String[n];
        Double[] offered = new Double[n];
        Double[] ordered = new Double[n];
        List<Map<String, Object>> views = new ArrayList<>();
        // the newest conversation of a day wins an ISP: it is the one that revised the older ones
        for (List<Stored> conversation : conversations) {
            Map<String, FlexOffer> offers = new LinkedHashMap<>();
            String orderedOffer = null;
            String orderedOption = null;
            for (Stored s : conversation) {
                if (s.payload() instanceof FlexRequest request && accepted(s.record())) {
                    for (FlexRequestISPType isp : request.getISPS()) {
                        for (int i : slots(request, isp.getStart(), isp.getDuration())) {
                            if (disposition[i] == null) {
                                disposition[i] = isp.getDisposition().value().toLowerCase(Locale.ROOT);
                                requestedMin[i] = kw(isp.getMinPower());
                                requestedMax[i] = kw(isp.getMaxPower());
                            }
                        }
                    }
                } else if (s.payload() instanceof FlexOffer offer && !"REVOKED".equals(s.record().businessState())) {
                    offers.put(offer.getMessageID(), offer);
                } else if (s.payload() instanceof FlexOrder order && accepted(s.record())) {
                    orderedOffer = order.getFlexOfferMessageID();
                    orderedOption = order.getOptionReference();
                    for (FlexOrderISPType isp : order.getISPS()) {
                        for (int i : slots(order, isp.getStart(), isp.getDuration())) {
                            ordered[i] = add(ordered[i], kw(isp.getPower()));
                        }
                    }
                }
            }
            // the ordered option if there is one, else the first option of the newest offer still open
            FlexOffer shown = orderedOffer != null && offers.containsKey(orderedOffer) ? offers.get(orderedOffer)
                    : offers.values().stream().reduce((a, b) -> b).orElse(null);
            if (shown != null && !shown.getOfferOptions().isEmpty()) {
                String wanted = shown.getMessageID().equals(orderedOffer) ? orderedOption : null;
                FlexOfferOptionType option = shown.getOfferOptions().stream()
                        .filter(o -> wanted == null || wanted.equals(o.getOptionReference())).findFirst()
                        .orElse(shown.getOfferOptions().get(0));
                for (FlexOfferOptionISPType isp : option.getISPS()) {
                    for (int i : slots(shown, isp.getStart(), isp.getDuration())) {
                        if (offered[i] == null) {
                            offered[i] = kw(isp.getPower());
                        }
                    }
                }
            }
            views.add(conversation(conversation));
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("requestedMinKw", Arrays.asList(requestedMin));
        series.put("requestedMaxKw", Arrays.asList(requestedMax));
        series.put("offeredKw", Arrays.asList(offered));
        series.put("orderedKw", Arrays.asList(ordered));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("congestionPoint", congestionPoint);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("ispSeconds", calendar.ispDuration().toSeconds());
        body.put("timestamps", timestamps.stream().map(Instant::toString).toList());
        body.put("series", series);
        body.put("bands", bands(disposition));
        body.put("conversations", views);
        return body;
    }

    /** Runs of ISPs with the same disposition, as [from, to) instants. */
    private List<Map<String, Object>> bands(String[] disposition) {
        List<Map<String, Object>> bands = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= disposition.length; i++) {
            String d = i < disposition.length ? disposition[i] : null;
            if (start >= 0 && !Objects.equals(d, disposition[start])) {
                Map<String, Object> band = new LinkedHashMap<>();
                band.put("disposition", disposition[start]);
                band.put("from", timestamps.get(start).toString());
                band.put("to", timestamps.get(i - 1).plus(calendar.ispDuration()).toString());
                bands.add(band);
                start = -1;
            }
            if (start < 0 && d != null) {
                start = i;
            }
        }
        return bands;
    }

    private Map<String, Object> conversation(List<Stored> messages) {
        Map<String, Object> c = new LinkedHashMap<>();
        Stored first = messages.get(0);
        c.put("conversationId", first.record().conversationId());
        if (first.payload() instanceof FlexMessageType flex) {
            c.put("period", String.valueOf(flex.getPeriod()));
        }
        c.put("senderDomain", first.record().senderDomain());
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Stored s : messages) {
            UftpMessageRecord r = s.record();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", r.messageType());
            m.put("messageId", r.messageId());
            m.put("direction", r.direction().name());
            m.put("at", r.receivedAt().toString());
            m.put("status", r.status());
            m.put("rejectionReason", r.rejectionReason());
            if (s.payload() instanceof PayloadMessageResponseType response) {
                m.put("result", response.getResult() == null ? null : response.getResult().value());
                if (response.getRejectionReason() != null) {
                    m.put("rejectionReason", response.getRejectionReason());
                }
            }
            m.put("peerResult", r.peerResult());
            m.put("peerRejectionReason", r.peerRejectionReason());
            m.put("handoff", r.handoff());
            m.put("businessState", r.businessState());
            m.put("references", r.referenceMessageId());
            timeline.add(m);
        }
        c.put("messages", timeline);
        return c;
    }

    private List<Integer> slots(FlexMessageType message, Long start, long duration) {
        List<Integer> slots = new ArrayList<>();
        if (start == null || message.getPeriod() == null) {
            return slots;
        }
        for (long isp = start; isp < start + Math.max(1, duration); isp++) {
            Integer i = index.get(message.getPeriod() + "#" + isp);
            if (i != null) {
                slots.add(i);
            }
        }
        return slots;
    }

    private static boolean accepted(UftpMessageRecord r) {
        return UftpMessageRecord.InStatus.ACCEPTED.equals(r.status());
    }

    private static Double kw(Long watts) {
        return watts == null ? null : watts / 1000.0;
    }

    private static Double add(Double a, Double b) {
        return a == null ? b : b == null ? a : a + b;
    }
}
