package io.flexhub.usef.mapping;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The simple types of the UFTP 3.x XSDs (UFTP-common.xsd plus the built-in types they use), with the facets
 * needed to emit schema-valid XML from JSON-LD. XML input is assumed XSD-valid, so these checks run only on the
 * JSON-LD side; on the XML side only what JSON cannot carry (numbers, booleans) is checked.
 */
enum ValueType {
    STRING(Kind.STRING, null, "text XML 1.0 can carry"),
    UUID(Kind.STRING, "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}", "a UUID"),
    SPEC_VERSION(Kind.STRING, "\\d+\\.\\d+\\.\\d+", "a version like 3.0.0"),
    DOMAIN(Kind.STRING, "(?:[a-z0-9]+(?:-[a-z0-9]+)*\\.)+[a-z]{2,}", "a lower-case internet domain"),
    ENTITY_ADDRESS(Kind.STRING, "(?:ea1\\.[0-9]{4}-[0-9]{2}\\..{1,244}:.{1,244}|ean\\.[0-9]{12,34})",
            "an entity address (ea1.yyyy-mm.authority:id or ean.<12-34 digits>)"),
    CURRENCY(Kind.STRING, "[A-Z]{3}", "an ISO 4217 currency code"),
    TIME_ZONE(Kind.STRING, "(?:Africa|America|Australia|Europe|Pacific)/[a-zA-Z0-9_/]{3,}",
            "a UFTP time zone name like Europe/Amsterdam"),
    // The jar's XSD says 16 digits; shapeshifter-library-java later moved to 18. The jar we validate with wins.
    EAN(Kind.STRING, "[Ee][0-9]{16}", "an EAN like E1234567890123456"),
    DURATION(Kind.STRING, "-?P(?=[0-9T])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?"
            + "(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?", "an xs:duration like PT15M"),
    ACCEPTED_REJECTED(Kind.STRING, "Accepted|Rejected", "one of Accepted, Rejected"),
    AVAILABLE_REQUESTED(Kind.STRING, "Available|Requested", "one of Available, Requested"),
    ACCEPTED_DISPUTED(Kind.STRING, "Accepted|Disputed", "one of Accepted, Disputed"),
    REDISPATCH_BY(Kind.STRING, "AGR|DSO", "one of AGR, DSO"),
    METERING_UNIT(Kind.STRING, "kW|kWh", "one of kW, kWh"),
    METERING_PROFILE(Kind.STRING, "Power|ImportEnergy|ExportEnergy|ImportMeterReading|ExportMeterReading",
            "one of Power, ImportEnergy, ExportEnergy, ImportMeterReading, ExportMeterReading"),
    DATE(Kind.DATE, "-?[0-9]{4,}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
            + "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?", "an xs:date like 2021-10-30"),
    DATE_TIME(Kind.DATE_TIME, "-?[0-9]{4,}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
            + "T(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)"
            + "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?", "an xs:dateTime like 2021-10-29T13:00:00.0000000"),
    INTEGER(Kind.INTEGER, null, "an integer"),
    POSITIVE_INTEGER(Kind.INTEGER, null, "a positive integer"),
    LONG(Kind.INTEGER, null, "an integer in the xs:long range"),
    DECIMAL(Kind.DECIMAL, null, "a decimal"),
    CURRENCY_AMOUNT(Kind.DECIMAL, null, "an amount with at most 4 fraction digits"),
    ACTIVATION_FACTOR(Kind.DECIMAL, null, "a factor from 0.01 to 1.00 with at most 2 fraction digits"),
    BOOLEAN(Kind.BOOLEAN, null, "a boolean");

    /** How a value is carried in JSON. */
    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, DATE, DATE_TIME }

    private static final BigDecimal MIN_ACTIVATION_FACTOR = new BigDecimal("0.01");

    final Kind kind;
    private final Pattern pattern;
    private final String description;

    ValueType(Kind kind, String regex, String description) {
        this.kind = kind;
        this.pattern = regex == null ? null : Pattern.compile(regex);
        this.description = description;
    }

    /**
     * Checks a lexical value about to be written to XML against the type's facets.
     *
     * @param lexical the value as it will appear in the XML attribute; already of the right {@link Kind}
     * @return what is wrong, phrased to follow the attribute name ("is not a UUID: 'x'"), or null if valid
     */
    String problem(String lexical) {
        boolean valid = switch (this) {
            case STRING -> Lexical.isXmlText(lexical);
            case INTEGER, DECIMAL, BOOLEAN -> true;
            case POSITIVE_INTEGER -> lexical.charAt(0) != '-' && !Lexical.isZero(lexical);
            case LONG -> Lexical.fitsLong(lexical);
            case CURRENCY_AMOUNT -> fractionDigits(lexical) <= 4;
            case ACTIVATION_FACTOR -> fractionDigits(lexical) <= 2 && isActivationFactor(lexical);
            case UUID -> Lexical.isUuid(lexical);
            default -> pattern.matcher(lexical).matches() && Lexical.isXmlText(lexical);
        };
        return valid ? null : "is not " + description + ": " + Lexical.quote(lexical);
    }

    private static int fractionDigits(String decimal) {
        return new BigDecimal(decimal).stripTrailingZeros().scale();
    }

    private static boolean isActivationFactor(String decimal) {
        BigDecimal value = new BigDecimal(decimal);
        return value.compareTo(MIN_ACTIVATION_FACTOR) >= 0 && value.compareTo(BigDecimal.ONE) <= 0;
    }
}
