package io.flexhub.usef;

import java.time.Duration;
import java.util.Objects;

import org.lfenergy.shapeshifter.api.FlexOrder;

/**
 * What accepting a FlexOrder does to the devices; demand response implements it. {@link UsefProcessor} prepares an
 * order that passed validation before its transaction (the slow part, e.g. solving a direct order for the devices)
 * and executes it in the transaction that answers the order: under the congestion point's lock, after validation
 * against the current state and, for an order on an offer, after the offer's move to ORDERED. So the Accepted
 * FlexOrderResponse is written if and only if the order's events are.
 */
public interface FlexOrderExecution {

    Prepared prepare(FlexOrder order);

    /** How long before an ISP the devices must be told: validation rejects orders deviating in ISPs starting sooner. */
    default Duration minLeadTime() {
        return Duration.ZERO;
    }

    /** An order ready to be planned. */
    interface Prepared {

        /**
         * Called inside the answering transaction, under the lock. An order on an offer is always accepted (with
         * the offer's stored plan, or none); only a direct order may be rejected, or stale when devices were
         * committed since it was prepared.
         */
        Decision execute(long messagePk);
    }

    /**
     * @param detail the FlexOrder's hand-off state when accepted, the RejectionReason when rejected
     */
    record Decision(Kind kind, String detail) {

        public enum Kind { ACCEPTED, REJECTED, STALE }

        public Decision {
            Objects.requireNonNull(kind, "kind");
        }

        public static Decision accepted(String handoff) {
            return new Decision(Kind.ACCEPTED, handoff);
        }

        public static Decision rejected(String reason) {
            return new Decision(Kind.REJECTED, Objects.requireNonNull(reason, "reason"));
        }

        public static Decision stale() {
            return new Decision(Kind.STALE, null);
        }
    }
}
