package io.flexhub.usef.validation;

/**
 * RejectionReason texts. The names are those of the spec's validation table where it has one, otherwise those of
 * shapeshifter-library-java; rules append specifics in parentheses, e.g. "ISPs out of bounds (ISP 97 > 96 on
 * 2026-03-29)", so a receiver can match on the name and a human can act on the detail.
 */
public final class RejectionReasons {

    public static final String INVALID_MESSAGE = "Invalid Message";
    public static final String UNKNOWN_RECIPIENT_DOMAIN = "Unknown RecipientDomain";
    public static final String BARRED_SENDER = "Barred Sender";
    public static final String DUPLICATE_IDENTIFIER = "Duplicate Identifier";
    public static final String ISP_DURATION_REJECTED = "ISP duration rejected";
    public static final String TIME_ZONE_REJECTED = "TimeZone rejected";
    public static final String INVALID_CONGESTION_POINT = "Invalid CongestionPoint";
    public static final String ISPS_OUT_OF_BOUNDS = "ISPs out of bounds";
    public static final String ISP_CONFLICT = "ISP conflict";
    public static final String PERIOD_OUT_OF_BOUNDS = "Period out of bounds";
    public static final String EXPIRATION_OUT_OF_BOUNDS = "ExpirationDateTime out of bounds";
    public static final String UNKNOWN_REFERENCE = "Unknown reference";
    public static final String REFERENCE_PERIOD_MISMATCH = "Reference Period mismatch";
    public static final String REFERENCE_EXPIRED = "Reference message expired";
    public static final String REFERENCE_REVOKED = "Reference message revoked";
    public static final String REFERENCE_ORDERED = "Reference message already ordered";
    public static final String LACKING_REQUESTED_DISPOSITION = "Lacking Requested Disposition";
    public static final String REQUESTED_POWER_DISCREPANCY = "Requested Power discrepancy";
    public static final String POWER_DISCREPANCY = "Power discrepancy";
    public static final String SUBORDINATE_SEQUENCE_NUMBER = "Subordinate sequence number";
    public static final String FLEX_OFFER_REFERENCE_PRESENCE =
            "FlexOfferMessageID must (only) be present if not unsolicited";
    public static final String ISP_MISMATCH = "ISP mismatch";
    public static final String POWER_MISMATCH = "Power mismatch";
    public static final String PRICE_MISMATCH = "Price mismatch";
    public static final String CURRENCY_MISMATCH = "Currency mismatch";
    public static final String CONGESTION_POINT_MISMATCH = "CongestionPoint mismatch";
    public static final String ACTIVATION_FACTOR_OUT_OF_BOUNDS = "ActivationFactor out of bounds";
    /** A direct FlexOrder the devices cannot deliver (the spec's "[User defined] any other reasonable cause"). */
    public static final String FLEXIBILITY_NOT_AVAILABLE = "Flexibility not available";
    public static final String RESERVATION_INCREASE = "Reservation increase";
    public static final String PERIOD_ALREADY_SETTLED = "Period already settled";

    private RejectionReasons() {
    }

    static String withDetail(String reason, String detail) {
        return reason + " (" + detail + ")";
    }

    public static String flexibilityNotAvailable(String detail) {
        return withDetail(FLEXIBILITY_NOT_AVAILABLE, detail);
    }

    static String unknownReference(String attribute, String detail) {
        return withDetail(UNKNOWN_REFERENCE + " " + attribute, detail);
    }

    static String invalidMessage(String detail) {
        return INVALID_MESSAGE + ": " + detail;
    }
}
