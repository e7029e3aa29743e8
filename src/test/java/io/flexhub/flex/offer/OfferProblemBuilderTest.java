package io.flexhub.flex.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.flex.dr.engine.LocalProblem;
import io.flexhub.flex.optimizer.ControllableDevice;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.Disposition;
import io.flexhub.flex.optimizer.FlexOfferOptimizer;
import io.flexhub.flex.optimizer.FlexOfferSolution;
import io.flexhub.flex.optimizer.OperationWindow;
import io.flexhub.flex.optimizer.RequestIsp;
import io.flexhub.flex.optimizer.ShiftableDevice;

class OfferProblemBuilderTest {

    static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    static final LocalDate NORMAL_DAY = LocalDate.of(2026, 6, 10);

    /** A FlexRequest with every ISP of the day Available (room ±availableW) except the Requested ones given. */
    static FlexRequest request(LocalDate day, int isps, long availableW, int requestedFrom, int requestedTo,
            long minW, long maxW) {
        FlexRequest r = new FlexRequest();
        r.setVersion("3.0.0");
        r.setSenderDomain("dso.test.example");
        r.setRecipientDomain("agr.test.example");
        r.setMessageID("6a3c1e0b-7d8f-4a8e-9d1c-0f6a1b2c3d4e");
        r.setConversationID("0c7e8a51-1b2f-4c3d-8e9f-a0b1c2d3e4f5");
        r.setTimeStamp(day.minusDays(1).atTime(9, 0).atZone(AMS).toOffsetDateTime());
        r.setISPDuration(Duration.ofMinutes(15));
        r.setTimeZone(AMS.getId());
        r.setPeriod(day);
        r.setCongestionPoint(InMemoryContext.CP);
        r.setRevision(1L);
        r.setExpirationDateTime(day.atTime(12, 0).atZone(AMS).toOffsetDateTime());
        for (int isp = 1; isp <= isps; isp++) {
            boolean requested = isp >= requestedFrom && isp <= requestedTo;
            r.getISPS().add(isp(isp, 1, requested, requested ? minW : -availableW, requested ? maxW : availableW));
        }
        return r;
    }

    static FlexRequestISPType isp(int start, int duration, boolean requested, long minW, long maxW) {
        FlexRequestISPType i = new FlexRequestISPType();
        i.setStart((long) start);
        i.setDuration((long) duration);
        i.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
        i.setMinPower(minW);
        i.setMaxPower(maxW);
        return i;
    }

    /** Pleiades-like: two thermostats, two EV chargers (20:00-08:00, evening sessions), a smart plug. */
    static InMemoryContext pleiades() {
        return new InMemoryContext(AMS)
                .controllable("thermostat-1", 4.0, 0.2, t -> 3.0)
                .controllable("thermostat-2", 6.0, 0.5, t -> t >= 28 && t < 80 ? 5.0 : 1.0)
                .shiftable("ev-1", 11.0, "20:00", "08:00", t -> t >= 80 && t < 88 ? 11.0 : 0.0)
                .shiftable("ev-2", 7.4, "20:00", "08:00", t -> t >= 82 && t < 86 ? 7.4 : 0.0)
                .fixed("plug-1", 0.5, t -> 0.3);
    }

    @Test
    void should_turn_a_reduce_request_into_kw_magnitudes_with_windows_split_at_midnight() {
        // 20:00-21:00 (ISPs 81-84) less consumption between 5 and 20 kW
        OfferProblem built = new OfferProblemBuilder(pleiades())
                .build(request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000));

        assertThat(built.solvable()).isTrue();
        assertThat(built.direction()).isEqualTo(Direction.REDUCE);
        assertThat(built.ispCount()).isEqualTo(96);
        assertThat(built.periodStart()).isEqualTo(Instant.parse("2026-06-09T22:00:00Z"));
        var problem = built.problem();
        assertThat(problem.ispCount()).isEqualTo(96);
        assertThat(problem.ispMinutes()).isEqualTo(15);
        assertThat(problem.request().direction()).isEqualTo(Direction.REDUCE);
        assertThat(problem.request().isps()).hasSize(96);
        assertThat(problem.request().isps().get(80))
                .isEqualTo(new RequestIsp(81, 1, Disposition.REQUESTED, 5.0, 20.0));
        assertThat(problem.request().isps().get(0))
                .isEqualTo(new RequestIsp(1, 1, Disposition.AVAILABLE, 0.0, 30.0));
        assertThat(problem.controllable()).extracting(ControllableDevice::id, ControllableDevice::factor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("thermostat-1", 0.2),
                        org.assertj.core.groups.Tuple.tuple("thermostat-2", 0.5));
        assertThat(problem.controllable().get(1).baselineKw().get(40)).isEqualTo(5.0);
        assertThat(problem.shiftable()).extracting(ShiftableDevice::id).containsExactly("ev-1", "ev-2");
        ShiftableDevice ev1 = problem.shiftable().get(0);
        assertThat(ev1.windows()).containsExactly(new OperationWindow(0, 32), new OperationWindow(80, 96));
        assertThat(ev1.maxKw()).isEqualTo(11.0);
        assertThat(ev1.mandatory()).isTrue();
        assertThat(problem.shiftable().get(1).maxKw()).isEqualTo(7.4);
        // the smart plug is non-shiftable: not in the problem, no baseline kept for a plan
        assertThat(built.baselineKw()).containsOnlyKeys("thermostat-1", "thermostat-2", "ev-1", "ev-2");
        assertThat(built.ignoredIsps()).isEmpty();
    }

    @Test
    void should_lay_out_92_and_100_isps_and_the_windows_on_dst_days() {
        LocalDate spring = LocalDate.of(2026, 3, 29);
        LocalDate autumn = LocalDate.of(2026, 10, 25);

        OfferProblem short_ = new OfferProblemBuilder(pleiades()).build(request(spring, 92, 30_000, 77, 80, -20_000, 0));
        OfferProblem long_ = new OfferProblemBuilder(pleiades()).build(request(autumn, 100, 30_000, 85, 88, -20_000, 0));

        assertThat(short_.ispCount()).isEqualTo(92);
        assertThat(short_.problem().ispCount()).isEqualTo(92);
        // 08:00 CEST is 7 h after midnight CET (28 ISPs); 20:00 CEST is 19 h after it (ISP index 76)
        assertThat(short_.problem().shiftable().get(0).windows())
                .containsExactly(new OperationWindow(0, 28), new OperationWindow(76, 92));
        assertThat(short_.problem().controllable().get(0).baselineKw()).hasSize(92);
        assertThat(long_.ispCount()).isEqualTo(100);
        // 08:00 CET is 9 h after midnight CEST (36 ISPs); 20:00 CET is 21 h after it (index 84)
        assertThat(long_.problem().shiftable().get(0).windows())
                .containsExactly(new OperationWindow(0, 36), new OperationWindow(84, 100));
        assertThat(long_.problem().request().isps().get(84))
                .isEqualTo(new RequestIsp(85, 1, Disposition.REQUESTED, 0.0, 20.0));
    }

    @Test
    void should_flip_the_sign_for_an_increase_and_leave_curtailable_devices_out() {
        // PV surplus at noon: 10-40 kW more consumption wanted in ISPs 49-52, room for less consumption elsewhere
        FlexRequest request = request(NORMAL_DAY, 96, 30_000, 49, 52, 10_000, 40_000);
        InMemoryContext context = pleiades().shiftable("boiler", 3.0, "10:00", "18:00", t -> t == 70 ? 3.0 : 0.0);

        OfferProblem built = new OfferProblemBuilder(context).build(request);

        assertThat(built.direction()).isEqualTo(Direction.INCREASE);
        assertThat(built.problem().request().isps().get(48))
                .isEqualTo(new RequestIsp(49, 1, Disposition.REQUESTED, 10.0, 40.0));
        // room for less consumption is -MinPower
        assertThat(built.problem().request().isps().get(70).maxKw()).isEqualTo(30.0);
        assertThat(built.problem().controllable()).isEmpty();
        assertThat(built.problem().shiftable()).extracting(ShiftableDevice::id).containsExactly("ev-1", "ev-2",
                "boiler");
        assertThat(built.problem().shiftable().get(2).windows()).containsExactly(new OperationWindow(40, 72));
    }

    @Test
    void should_answer_a_mixed_request_in_the_direction_asking_for_more_energy_and_ignore_the_rest() {
        FlexRequest request = request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000);
        // two increase ISPs asking for less energy in total than the four reduce ones
        request.getISPS().set(10, isp(11, 1, true, 0, 10_000));
        request.getISPS().set(11, isp(12, 1, true, 0, 10_000));

        OfferProblem built = new OfferProblemBuilder(pleiades()).build(request);

        assertThat(built.direction()).isEqualTo(Direction.REDUCE);
        assertThat(built.ignoredIsps()).containsExactly(11, 12);
        assertThat(built.problem().request().isps()).hasSize(94)
                .noneMatch(i -> i.start() == 11 || i.start() == 12);
        assertThat(OfferProblemBuilder.directionOf(request(NORMAL_DAY, 96, 0, 1, 96, 0, 1))).isEqualTo(Direction.INCREASE);
    }

    @Test
    void should_give_a_reason_when_nothing_behind_the_congestion_point_can_move() {
        FlexRequest unknown = request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000);
        unknown.setCongestionPoint("ean.000000000000000000");
        InMemoryContext plugsOnly = new InMemoryContext(AMS).fixed("plug", 1.0, t -> 0.5)
                .controllable("t", 2.0, 0.0, t -> 1.0);

        OfferProblem none = new OfferProblemBuilder(pleiades()).build(unknown);
        OfferProblem rigid = new OfferProblemBuilder(plugsOnly)
                .build(request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000));

        assertThat(none.solvable()).isFalse();
        assertThat(none.noOffer()).isEqualTo(NoOfferReason.NO_DEVICES);
        assertThat(none.detail()).contains("ean.000000000000000000");
        assertThat(none.problem()).isNull();
        assertThat(rigid.noOffer()).isEqualTo(NoOfferReason.NO_FLEXIBLE_DEVICES);
        assertThat(rigid.detail()).startsWith("2 devices").contains("reduce");
    }

    @Test
    void should_leave_out_devices_already_committed_to_demand_response_in_the_period() {
        FlexRequest request = request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000);

        OfferProblem partly = new OfferProblemBuilder(pleiades()).build(request, java.util.Set.of("ev-1", "thermostat-2"));
        OfferProblem allSold = new OfferProblemBuilder(pleiades())
                .build(request, java.util.Set.of("ev-1", "ev-2", "thermostat-1", "thermostat-2"));

        assertThat(partly.problem().controllable()).extracting(ControllableDevice::id).containsExactly("thermostat-1");
        assertThat(partly.problem().shiftable()).extracting(ShiftableDevice::id).containsExactly("ev-2");
        assertThat(partly.baselineKw()).containsOnlyKeys("thermostat-1", "ev-2");
        assertThat(allSold.solvable()).isFalse();
        assertThat(allSold.noOffer()).isEqualTo(NoOfferReason.NO_FLEXIBLE_DEVICES);
        assertThat(allSold.detail()).contains("4 already committed to demand-response events in the period");
    }

    @Test
    void should_keep_a_forecast_outside_the_window_fixed_and_the_baseline_feasible() {
        // charging at 19:00 (outside 20:00-08:00) and 12 kW in ISP 81 on an 11 kW charger
        InMemoryContext context = new InMemoryContext(AMS)
                .shiftable("ev", 11.0, "20:00", "08:00", t -> t == 76 ? 5.0 : t == 80 ? 12.0 : 0.0);

        OfferProblem built = new OfferProblemBuilder(context)
                .build(request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, 0));
        FlexOfferSolution solution = new FlexOfferOptimizer().solve(built.problem());

        ShiftableDevice ev = built.problem().shiftable().get(0);
        assertThat(ev.baselineKw().get(76)).isEqualTo(0.0);
        assertThat(ev.baselineKw().get(80)).isEqualTo(12.0);
        assertThat(ev.maxKw()).isEqualTo(12.0);
        assertThat(built.baselineKw().get("ev")[76]).isEqualTo(5.0);
        assertThat(solution.outcome()).isEqualTo(FlexOfferSolution.Outcome.OFFER);
        // the 3 kWh in ISP 81 move out of the Requested ISPs 81-84
        assertThat(solution.offerPowerKw().get(80)).isCloseTo(-12.0, within(1e-4));
    }

    @Test
    void should_compose_a_flex_offer_with_merged_isps_and_the_price_of_the_requested_energy() {
        FlexRequest request = request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000);
        OfferProblem built = new OfferProblemBuilder(pleiades()).build(request);
        FlexOfferSolution solution = new FlexOfferOptimizer().solve(built.problem());
        OfferTerms terms = new OfferTerms(new BigDecimal("250"), "EUR", Duration.ofHours(4), BigDecimal.ONE);
        Instant now = Instant.parse("2026-06-09T08:00:00Z");
        Instant expiry = Instant.parse("2026-06-09T12:00:00Z");

        FlexOffer offer = FlexOfferComposer.compose(request, solution, terms, "agr.test.example",
                "11111111-2222-4333-8444-555555555555", now, expiry, 15);

        assertThat(offer.getFlexRequestMessageID()).isEqualTo(request.getMessageID());
        assertThat(offer.getConversationID()).isEqualTo(request.getConversationID());
        assertThat(offer.getRecipientDomain()).isEqualTo("dso.test.example");
        assertThat(offer.getCongestionPoint()).isEqualTo(InMemoryContext.CP);
        assertThat(offer.getPeriod()).isEqualTo(NORMAL_DAY);
        assertThat(offer.getExpirationDateTime().toInstant()).isEqualTo(expiry);
        assertThat(offer.getCurrency()).isEqualTo("EUR");
        var option = offer.getOfferOptions().get(0);
        long[] expanded = new long[96];
        long covered = 0;
        for (FlexOfferOptionISPType i : option.getISPS()) {
            for (long t = i.getStart(); t < i.getStart() + i.getDuration(); t++) {
                expanded[(int) t - 1] = i.getPower();
            }
            covered += i.getDuration();
        }
        assertThat(covered).isEqualTo(96);
        assertThat(expanded).containsExactly(solution.offerPowerW());
        assertThat(option.getISPS().size()).isLessThan(96);
        // ISPs 81-84: 20 kW wanted at most, thermostats give 0.6 + 0.5 kW, the EVs move 18.4 kW -> capped at 20
        long requestedW = 0;
        for (int t = 80; t < 84; t++) {
            assertThat(expanded[t]).isBetween(-20_000L, -5_000L);
            requestedW += -expanded[t];
        }
        assertThat(option.getPrice()).isEqualByComparingTo(
                new BigDecimal("250").multiply(BigDecimal.valueOf(requestedW * 0.25 / 1e6))
                        .setScale(4, java.math.RoundingMode.HALF_UP));
        assertThat(option.getMinActivationFactor()).isEqualByComparingTo("1");
        assertThat(List.of(option.getOptionReference())).containsExactly("1");
    }

    @Test
    void should_offer_nothing_in_isps_that_have_begun_or_begin_within_the_lead_time() {
        // 20:00-21:00 (ISPs 81-84) asked for; at 20:05 ISP 81 has begun, so the offer keeps the baseline up to it
        FlexRequest request = request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000);
        Instant earliest = NORMAL_DAY.atTime(20, 5).atZone(AMS).toInstant();

        OfferProblem built = new OfferProblemBuilder(pleiades()).build(request, java.util.Set.of(), earliest);
        FlexOfferSolution solution = new FlexOfferOptimizer().solve(built.problem());

        assertThat(built.problem().request().isps()).extracting(RequestIsp::start).allMatch(start -> start >= 82)
                .first().isEqualTo(82);
        assertThat(built.problem().request().isps()).filteredOn(i -> i.disposition() == Disposition.REQUESTED)
                .extracting(RequestIsp::start).containsExactly(82, 83, 84);
        assertThat(solution.hasOffer()).isTrue();
        long[] power = solution.offerPowerW();
        assertThat(java.util.Arrays.copyOfRange(power, 0, 81)).containsOnly(0L);
        assertThat(power[81]).isNegative();
    }

    @Test
    void should_give_no_offer_when_every_requested_isp_has_begun() {
        Instant earliest = NORMAL_DAY.atTime(20, 45).atZone(AMS).toInstant();

        OfferProblem built = new OfferProblemBuilder(pleiades())
                .build(request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000), java.util.Set.of(), earliest);

        assertThat(built.solvable()).isFalse();
        assertThat(built.noOffer()).isEqualTo(NoOfferReason.BEGUN);
        assertThat(built.detail()).contains("every Requested ISP of 2026-06-10 has begun");
    }

    /**
     * The one mapping of {@code flex.problem}: a FlexRequest and a request made inside the hub over the same ISPs give
     * every device the same flexibility, in both directions.
     */
    @Test
    void should_give_each_device_the_same_flexibility_as_a_local_request_over_the_same_isps() {
        InMemoryContext context = pleiades().shiftable("boiler", 3.0, "10:10", "17:50", t -> t == 70 ? 3.0 : 0.0);
        Instant start = NORMAL_DAY.atStartOfDay(AMS).toInstant();
        for (Direction direction : Direction.values()) {
            FlexRequest request = direction == Direction.REDUCE
                    ? request(NORMAL_DAY, 96, 30_000, 81, 84, -20_000, -5_000)
                    : request(NORMAL_DAY, 96, 30_000, 49, 52, 10_000, 40_000);
            double[] kw = new double[96];
            for (int t = 0; t < 96; t++) {
                boolean requested = direction == Direction.REDUCE ? t >= 80 && t < 84 : t >= 48 && t < 52;
                kw[t] = requested ? 5.0 : -30.0;
            }
            List<LocalProblem.DeviceInput> inputs = context.devices(InMemoryContext.CP).stream()
                    .map(d -> new LocalProblem.DeviceInput(d, context.flexConfigurationOf(d.id()).orElse(null),
                            context.baselineKw(d.id(), start, Duration.ofMinutes(15), 96)))
                    .toList();

            OfferProblem offer = new OfferProblemBuilder(context).build(request);
            LocalProblem.Built local = LocalProblem.build(new io.flexhub.flex.LocalFlexRequest(InMemoryContext.CP,
                    direction, start, Duration.ofMinutes(15), kw, "test"), AMS, inputs);

            assertThat(local.problem().controllable()).as(direction.name())
                    .isEqualTo(offer.problem().controllable());
            assertThat(local.problem().shiftable()).as(direction.name()).isEqualTo(offer.problem().shiftable());
        }
        // the boiler's window 10:10-17:50 holds the whole ISPs 10:15-17:45 only
        assertThat(new OfferProblemBuilder(context).build(request(NORMAL_DAY, 96, 30_000, 49, 52, 10_000, 40_000))
                .problem().shiftable()).filteredOn(d -> d.id().equals("boiler")).singleElement()
                .extracting(ShiftableDevice::windows).isEqualTo(List.of(new OperationWindow(41, 71)));
    }
}
