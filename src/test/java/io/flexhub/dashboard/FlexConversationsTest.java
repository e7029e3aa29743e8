package io.flexhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;

import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.time.IspCalendar;

class FlexConversationsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);
    private static final IspCalendar CALENDAR = new IspCalendar(ZONE, Duration.ofMinutes(15));

    @Test
    void requested_and_available_isps_become_bands_and_the_ordered_option_is_the_one_shown_as_offered() {
        FlexRequest request = flex(new FlexRequest(), "req");
        request.getISPS().add(isp(AvailableRequestedType.AVAILABLE, 65, 4, -30_000L, 0L));
        request.getISPS().add(isp(AvailableRequestedType.REQUESTED, 69, 4, -50_000L, -20_000L));
        FlexOffer offer = flex(new FlexOffer(), "offer");
        offer.getOfferOptions().add(option("1", 69, 4, -5_000L));
        offer.getOfferOptions().add(option("2", 69, 4, -21_171L));
        FlexOrder order = flex(new FlexOrder(), "order");
        order.setFlexOfferMessageID("offer");
        order.setOptionReference("2");
        FlexOrderISPType ordered = new FlexOrderISPType();
        ordered.setStart(69L);
        ordered.setDuration(4L);
        ordered.setPower(-21_171L);
        order.getISPS().add(ordered);
        FlexOrderResponse response = new FlexOrderResponse();
        response.setMessageID("order-response");
        response.setResult(AcceptedRejectedType.REJECTED);
        response.setRejectionReason("Price too high");

        Map<String, Object> view = new FlexConversations(CALENDAR, DAY, DAY).view("ean.1", List.of(List.of(
                stored(request, "IN", "ACCEPTED", null), stored(offer, "OUT", "SENT", "ORDERED"),
                stored(order, "IN", "ACCEPTED", null), stored(response, "OUT", "SENT", null))));

        assertThat((List<?>) view.get("timestamps")).hasSize(96).first().isEqualTo("2026-12-02T23:00:00Z");
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> series = (Map<String, List<Double>>) view.get("series");
        assertThat(series.get("requestedMaxKw").subList(64, 73)).containsExactly(0.0, 0.0, 0.0, 0.0, -20.0, -20.0,
                -20.0, -20.0, null);
        assertThat(series.get("requestedMinKw").get(68)).isEqualTo(-50.0);
        assertThat(series.get("offeredKw").subList(68, 72)).containsOnly(-21.171);
        assertThat(series.get("orderedKw").stream().filter(v -> v != null).toList()).containsExactly(-21.171, -21.171,
                -21.171, -21.171);
        assertThat(view.get("bands")).isEqualTo(List.of(
                Map.of("disposition", "available", "from", "2026-12-03T15:00:00Z", "to", "2026-12-03T16:00:00Z"),
                Map.of("disposition", "requested", "from", "2026-12-03T16:00:00Z", "to", "2026-12-03T17:00:00Z")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) ((List<Map<String, Object>>) view
                .get("conversations")).get(0).get("messages");
        assertThat(messages).extracting(m -> m.get("type")).containsExactly("FlexRequest", "FlexOffer", "FlexOrder",
                "FlexOrderResponse");
        assertThat(messages.get(3)).containsEntry("result", "Rejected").containsEntry("rejectionReason", "Price too high");
        assertThat(messages.get(1)).containsEntry("businessState", "ORDERED");
    }

    @Test
    void a_rejected_request_draws_nothing_but_stays_in_the_timeline_with_its_reason() {
        FlexRequest request = flex(new FlexRequest(), "req");
        request.getISPS().add(isp(AvailableRequestedType.REQUESTED, 69, 4, -50_000L, -20_000L));
        UftpMessageRecord rejected = record(request, "IN", "REJECTED", null, "ISP 69 is in the past");

        Map<String, Object> view = new FlexConversations(CALENDAR, DAY, DAY)
                .view("ean.1", List.of(List.of(new FlexConversations.Stored(rejected, request))));

        assertThat((List<?>) view.get("bands")).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> series = (Map<String, List<Double>>) view.get("series");
        assertThat(series.get("requestedMaxKw")).containsOnlyNulls();
        assertThat(view.get("conversations").toString()).contains("ISP 69 is in the past");
    }

    private static <T extends org.lfenergy.shapeshifter.api.FlexMessageType> T flex(T m, String id) {
        m.setMessageID(id);
        m.setConversationID("conv");
        m.setSenderDomain("dso.test");
        m.setPeriod(DAY);
        m.setCongestionPoint("ean.1");
        m.setISPDuration(Duration.ofMinutes(15));
        m.setTimeZone(ZONE.getId());
        return m;
    }

    private static FlexRequestISPType isp(AvailableRequestedType d, long start, long duration, long min, long max) {
        FlexRequestISPType isp = new FlexRequestISPType();
        isp.setDisposition(d);
        isp.setStart(start);
        isp.setDuration(duration);
        isp.setMinPower(min);
        isp.setMaxPower(max);
        return isp;
    }

    private static FlexOfferOptionType option(String ref, long start, long duration, long power) {
        FlexOfferOptionType o = new FlexOfferOptionType();
        o.setOptionReference(ref);
        o.setPrice(BigDecimal.ONE);
        FlexOfferOptionISPType isp = new FlexOfferOptionISPType();
        isp.setStart(start);
        isp.setDuration(duration);
        isp.setPower(power);
        o.getISPS().add(isp);
        return o;
    }

    private static FlexConversations.Stored stored(PayloadMessageType m, String direction, String status, String business) {
        return new FlexConversations.Stored(record(m, direction, status, business, null), m);
    }

    private static UftpMessageRecord record(PayloadMessageType m, String direction, String status, String business,
                                            String rejection) {
        return new UftpMessageRecord(1, UftpMessageRecord.Direction.valueOf(direction), m.getClass().getSimpleName(),
                m.getMessageID(), "conv", "dso.test", "DSO", "agr.test", null, 0, "<xml/>", "sha", status, rejection,
                null, null, null, null, business, Instant.parse("2026-12-02T10:00:00Z"), null);
    }
}
