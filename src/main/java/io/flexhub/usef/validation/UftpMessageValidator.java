package io.flexhub.usef.validation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * Functional validation of a received UFTP message, after XSD validation and signature verification.
 *
 * <p>Unlike shapeshifter-library-java, which stops at the first failing validator, all applicable rules run and
 * every reason is kept: the spec lets RejectionReason carry several, separated by a semicolon.
 */
public final class UftpMessageValidator {

    private final List<ValidationRule> rules;

    public UftpMessageValidator() {
        this(defaultRules());
    }

    public UftpMessageValidator(List<ValidationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules for everything an aggregator receives, in the order their reasons are reported. */
    public static List<ValidationRule> defaultRules() {
        return List.of(
                new RequiredAttributesRule(),
                new VersionRule(),
                new RecipientDomainRule(),
                new BarredSenderRule(),
                new IspDurationRule(),
                new TimeZoneRule(),
                new CongestionPointRule(),
                new IspBoundsRule(),
                new IspConflictRule(),
                new PeriodNotPastRule(),
                new ReservationDeadlineRule(),
                new FlexOrderLeadTimeRule(),
                new ContractRule(),
                new ReferenceRule(),
                new ReferencePeriodRule(),
                new FlexRequestExpirationRule(),
                new FlexRequestPowerRule(),
                new FlexRequestRevisionRule(),
                new FlexOrderSolicitationRule(),
                new DirectFlexOrderDirectionRule(),
                new DirectFlexOrderPowerRule(),
                new ReferencedOfferStateRule(),
                new FlexOrderOptionRule(),
                new FlexOrderIspMatchRule(),
                new FlexOrderCongestionPointRule(),
                new PrognosisReferenceRule(),
                new BaselineReferenceRule(),
                new PrognosisOrderStatusRule(),
                new ReservationIncreaseRule(),
                new SettlementPeriodRule(),
                new SettlementOrderRule(),
                new SettlementRepeatRule());
    }

    /**
     * The rules that judge a message by itself against the market, for messages that were not received now but
     * come from an archive (the FlexRequest history import): complete attributes, a 3.x Version, the market's ISP
     * duration and time zone, ISPs inside the Period and addressed once, and a FlexRequest's power directions.
     * Nothing that depends on the moment of receipt (Period not past, expiry), on the hub's state (congestion
     * point, contracts, earlier revisions) or on the recipient: an archive is history, and its recipient may be a
     * domain the aggregator used before.
     */
    public static UftpMessageValidator selfContained() {
        return new UftpMessageValidator(List.of(
                new RequiredAttributesRule(),
                new VersionRule(),
                new IspDurationRule(),
                new TimeZoneRule(),
                new IspBoundsRule(),
                new IspConflictRule(),
                new FlexRequestPowerRule()));
    }

    /**
     * @param contentDigest digest of the received payload (e.g. {@link ContentDigest#of(String)} of its XML),
     *                      compared with {@link StoredMessage#contentDigest()} of an earlier message with the same
     *                      MessageID; null when unknown, which makes any reused MessageID a Duplicate Identifier
     */
    public ValidationResult validate(PayloadMessageType message, String contentDigest,
            UftpValidationContext context) {
        Set<String> reasons = new LinkedHashSet<>();
        List<StoredMessage> earlier = earlierWithSameId(message, context);
        if (!earlier.isEmpty()) {
            boolean sameContent = contentDigest != null && contentDigest.equals(earlier.get(0).contentDigest());
            if (!sameContent) {
                reasons.add(RejectionReasons.DUPLICATE_IDENTIFIER);
            } else if (earlier.stream().anyMatch(copy -> contentDigest.equals(copy.contentDigest())
                    && copy.status() != MessageStatus.REJECTED)) {
                return ValidationResult.alreadySubmitted();
            }
            // Identical copies that were all rejected: judged afresh, as what made them fail may have been fixed.
        }
        ValidationInput input = new ValidationInput(message, context);
        for (ValidationRule rule : rules) {
            if (rule.appliesTo().contains(input.type())) {
                reasons.addAll(rule.check(input));
            }
        }
        return ValidationResult.of(List.copyOf(reasons));
    }

    private static List<StoredMessage> earlierWithSameId(PayloadMessageType message,
            UftpValidationContext context) {
        if (message.getSenderDomain() == null || message.getMessageID() == null) {
            return List.of();
        }
        return context.earlierCopies(message.getSenderDomain(), message.getMessageID());
    }
}
