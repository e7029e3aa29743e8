package io.flexhub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpXsd;

class DemoDsoMessagesTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private final DemoDsoMessages messages = new DemoDsoMessages("dso.flexhub.test", "agr.flexhub.test", ZONE,
            Duration.ofMinutes(15));
    private final UftpJaxb jaxb = new UftpJaxb(new UftpXsd());

    @Test
    void request_on_the_short_spring_day_numbers_isps_from_local_midnight_and_is_schema_valid() {
        LocalDate dstDay = LocalDate.of(2030, 3, 31);
        Instant now = LocalDate.of(2030, 3, 30).atStartOfDay(ZONE).toInstant();
        FlexRequest request = messages.flexRequest(new DemoDsoMessages.Window(false, dstDay, LocalTime.of(17, 0),
                LocalTime.of(18, 0), 30, 10), "ean.871685900012636543", now);

        // 23 hours: 92 ISPs, and 17:00 is the 64th quarter after midnight
        assertThat(request.getISPS()).hasSize(92);
        assertThat(request.getISPS()).filteredOn(i -> i.getDisposition() == AvailableRequestedType.REQUESTED)
                .extracting(FlexRequestISPType::getStart, FlexRequestISPType::getMinPower, FlexRequestISPType::getMaxPower)
                .containsExactly(tuple(65L, 0L, 30_000L), tuple(66L, 0L, 30_000L), tuple(67L, 0L, 30_000L),
                        tuple(68L, 0L, 30_000L));
        assertThat(request.getISPS().get(0).getMinPower()).isEqualTo(-10_000L);
        assertThat(request.getExpirationDateTime().toInstant())
                .isEqualTo(dstDay.atTime(17, 0).atZone(ZONE).toInstant());
        assertThat(new String(jaxb.marshal(request))).contains("SenderDomain=\"dso.flexhub.test\"");
        // the next request for the same day is a newer revision, even within the same second
        FlexRequest next = messages.flexRequest(new DemoDsoMessages.Window(true, dstDay, LocalTime.of(17, 0),
                LocalTime.MIDNIGHT, 5, 0), "ean.871685900012636543", now);
        assertThat(next.getRevision()).isGreaterThan(request.getRevision());
        assertThat(next.getISPS()).filteredOn(i -> i.getDisposition() == AvailableRequestedType.REQUESTED)
                .hasSize(28);
    }

    @Test
    void window_off_the_isp_grid_or_begun_is_refused_naming_the_field() {
        LocalDate day = LocalDate.of(2030, 6, 3);
        Instant now = day.atTime(17, 30).atZone(ZONE).toInstant();
        assertThatThrownBy(() -> messages.flexRequest(new DemoDsoMessages.Window(true, day, LocalTime.of(18, 0),
                LocalTime.of(18, 10), 5, 0), "cp", now.minusSeconds(7200)))
                .hasMessageStartingWith("to must be on an ISP boundary");
        assertThatThrownBy(() -> messages.flexRequest(new DemoDsoMessages.Window(true, day, LocalTime.of(18, 0),
                LocalTime.of(17, 0), 5, 0), "cp", now)).hasMessage("to must be later than from");
        assertThatThrownBy(() -> messages.flexRequest(new DemoDsoMessages.Window(true, day, LocalTime.of(17, 0),
                LocalTime.of(18, 0), 5, 0), "cp", now)).hasMessageStartingWith("from must be in the future");
    }

    @Test
    void order_takes_every_isp_of_the_first_option_scaled_by_the_activation_factor() {
        FlexOffer offer = new FlexOffer();
        offer.setMessageID("3f1c2a55-0000-4000-8000-000000000001");
        offer.setConversationID("3f1c2a55-0000-4000-8000-000000000002");
        offer.setPeriod(LocalDate.of(2030, 6, 4));
        offer.setTimeZone(ZONE.getId());
        offer.setISPDuration(Duration.ofMinutes(15));
        offer.setCongestionPoint("ean.871685900012636543");
        offer.setCurrency("EUR");
        FlexOfferOptionType option = new FlexOfferOptionType();
        option.setOptionReference("A");
        option.setPrice(new BigDecimal("12.3457"));
        option.setMinActivationFactor(new BigDecimal("0.50"));
        option.getISPS().add(isp(69, 2, -4001));
        option.getISPS().add(isp(81, 1, 3000));
        offer.getOfferOptions().add(option);

        FlexOrder order = messages.order(offer, new BigDecimal("0.50"), Instant.parse("2030-06-03T10:00:00Z"))
                .orElseThrow();
        assertThat(order.getFlexOfferMessageID()).isEqualTo(offer.getMessageID());
        assertThat(order.getConversationID()).isEqualTo(offer.getConversationID());
        assertThat(order.getOptionReference()).isEqualTo("A");
        assertThat(order.getPrice()).isEqualByComparingTo("6.1729");
        assertThat(order.getISPS()).extracting(FlexOrderISPType::getStart, FlexOrderISPType::getDuration,
                FlexOrderISPType::getPower).containsExactly(tuple(69L, 2L, -2001L), tuple(81L, 1L, 1500L));
        assertThat(order.getOrderReference()).startsWith("DEMO-");

        offer.getOfferOptions().clear();
        assertThat(messages.order(offer, BigDecimal.ONE, Instant.now())).isEmpty();
    }

    private static FlexOfferOptionISPType isp(long start, long duration, long power) {
        FlexOfferOptionISPType isp = new FlexOfferOptionISPType();
        isp.setStart(start);
        isp.setDuration(duration);
        isp.setPower(power);
        return isp;
    }
}
