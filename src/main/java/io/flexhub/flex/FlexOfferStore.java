package io.flexhub.flex;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The offers the engine sent and the per-device plans a FlexOrder on them executes. */
@Repository
public class FlexOfferStore {

    public enum PlanKind { CURTAILMENT, SHIFT }

    /** One device's part of an offer; arrays are kW per ISP of the period, index 0 = ISP 1. */
    public record DevicePlanRow(String deviceId, PlanKind kind, double[] baselineKw, double[] plannedKw) {
    }

    public record StoredOffer(long id, String offerMessageId, String flexRequestMessageId, String conversationId,
                              String dsoDomain, String congestionPoint, LocalDate period, ZoneId timeZone,
                              Duration ispDuration, String direction, BigDecimal price, String currency,
                              double[] offerPowerKw, String summaryJson, Instant createdAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    public FlexOfferStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public long insert(StoredOffer offer, List<DevicePlanRow> plans) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO flex_offer (offer_message_id, flex_request_message_id, conversation_id, dso_domain, "
                        + "congestion_point, period, time_zone, isp_duration, direction, price, currency, offer_power_kw, "
                        + "summary_json, created_at) VALUES (:offer, :request, :conversation, :dso, :cp, :period, :tz, "
                        + ":isp, :direction, :price, :currency, :power, :summary, :createdAt)")
                .param("offer", offer.offerMessageId())
                .param("request", offer.flexRequestMessageId())
                .param("conversation", offer.conversationId())
                .param("dso", offer.dsoDomain())
                .param("cp", offer.congestionPoint())
                .param("period", offer.period())
                .param("tz", offer.timeZone().getId())
                .param("isp", offer.ispDuration().toString())
                .param("direction", offer.direction())
                .param("price", offer.price())
                .param("currency", offer.currency())
                .param("power", toJson(offer.offerPowerKw()))
                .param("summary", offer.summaryJson())
                .param("createdAt", Timestamp.from(offer.createdAt()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (DevicePlanRow plan : plans) {
            jdbc.sql("INSERT INTO flex_offer_device_plan (offer_id, device_id, plan_kind, baseline_kw, planned_kw) "
                            + "VALUES (:id, :device, :kind, :baseline, :planned)")
                    .param("id", id)
                    .param("device", plan.deviceId())
                    .param("kind", plan.kind().name())
                    .param("baseline", toJson(plan.baselineKw()))
                    .param("planned", toJson(plan.plannedKw()))
                    .update();
        }
        return id;
    }

    public Optional<StoredOffer> findByMessageId(String offerMessageId) {
        return jdbc.sql("SELECT * FROM flex_offer WHERE offer_message_id = :m")
                .param("m", offerMessageId)
                .query(FlexOfferStore::offer)
                .optional();
    }

    private static StoredOffer offer(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredOffer(rs.getLong("id"), rs.getString("offer_message_id"),
                rs.getString("flex_request_message_id"), rs.getString("conversation_id"),
                rs.getString("dso_domain"), rs.getString("congestion_point"),
                rs.getObject("period", LocalDate.class), ZoneId.of(rs.getString("time_zone")),
                Duration.parse(rs.getString("isp_duration")), rs.getString("direction"),
                rs.getBigDecimal("price"), rs.getString("currency"), fromJson(rs.getString("offer_power_kw")),
                rs.getString("summary_json"), rs.getTimestamp("created_at").toInstant());
    }

    public List<DevicePlanRow> plans(long offerId) {
        return jdbc.sql("SELECT device_id, plan_kind, baseline_kw, planned_kw FROM flex_offer_device_plan "
                        + "WHERE offer_id = :id ORDER BY device_id")
                .param("id", offerId)
                .query((rs, n) -> new DevicePlanRow(rs.getString("device_id"), PlanKind.valueOf(rs.getString("plan_kind")),
                        fromJson(rs.getString("baseline_kw")), fromJson(rs.getString("planned_kw"))))
                .list();
    }

    /**
     * Offers sent to this DSO for the congestion point and period that are still open (neither ordered nor revoked,
     * nor rejected by the DSO: such an offer is dead and is not revoked) and were made after {@code since} (older
     * ones have expired).
     */
    public List<StoredOffer> open(String dsoDomain, String congestionPoint, LocalDate period, Instant since) {
        return jdbc.sql("SELECT o.* FROM flex_offer o JOIN uftp_message m ON m.direction = 'OUT' "
                        + "AND m.message_id = o.offer_message_id WHERE o.dso_domain = :dso AND o.congestion_point = :cp "
                        + "AND o.period = :period AND o.created_at > :since AND m.business_state IS NULL "
                        + "AND (m.peer_result IS NULL OR m.peer_result <> 'Rejected')")
                .param("dso", dsoDomain).param("cp", congestionPoint).param("period", period)
                .param("since", Timestamp.from(since))
                .query(FlexOfferStore::offer).list();
    }

    /** An offer the hub sent, whether the DSO ordered it, and the device plans behind it. */
    public record SentOffer(StoredOffer offer, boolean ordered, List<DevicePlanRow> plans) {
    }

    /**
     * Every offer sent for the congestion point for periods from {@code from} to {@code to} inclusive, revoked and
     * rejected ones too (their price was asked, if not paid), in period order. Two queries, not one per offer: a
     * year of a busy point is thousands of offers.
     */
    public List<SentOffer> sent(String congestionPoint, LocalDate from, LocalDate to) {
        String where = " WHERE o.congestion_point = :cp AND o.period BETWEEN :from AND :to";
        Map<Long, List<DevicePlanRow>> plans = new HashMap<>();
        jdbc.sql("SELECT p.offer_id, p.device_id, p.plan_kind, p.baseline_kw, p.planned_kw FROM flex_offer_device_plan p "
                        + "JOIN flex_offer o ON o.id = p.offer_id" + where + " ORDER BY p.offer_id, p.device_id")
                .param("cp", congestionPoint).param("from", from).param("to", to)
                .query(rs -> {
                    plans.computeIfAbsent(rs.getLong("offer_id"), k -> new ArrayList<>()).add(
                            new DevicePlanRow(rs.getString("device_id"), PlanKind.valueOf(rs.getString("plan_kind")),
                                    fromJson(rs.getString("baseline_kw")), fromJson(rs.getString("planned_kw"))));
                });
        return jdbc.sql("SELECT o.*, m.business_state FROM flex_offer o LEFT JOIN uftp_message m ON m.direction = 'OUT' "
                        + "AND m.message_id = o.offer_message_id" + where + " ORDER BY o.period, o.id")
                .param("cp", congestionPoint).param("from", from).param("to", to)
                .query((rs, n) -> {
                    StoredOffer offer = offer(rs, n);
                    return new SentOffer(offer, "ORDERED".equals(rs.getString("business_state")),
                            List.copyOf(plans.getOrDefault(offer.id(), List.of())));
                }).list();
    }

    private static String toJson(double[] values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] fromJson(String json) {
        try {
            return JSON.readValue(json, double[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt plan values: " + json, e);
        }
    }
}
