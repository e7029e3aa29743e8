package io.flexhub.usef;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The hub's UFTP identity, market settings, transport limits, outbox policy and known participants.
 *
 * @param ownDomain                 the Internet domain the hub signs as (and accepts as RecipientDomain)
 * @param ownRole                   the USEF role the hub plays (AGR)
 * @param privateKey                Base64 libsodium secret key; blank: generated once and kept in the database
 * @param market                    the market's ISP duration and time zone, checked on every message
 * @param maxBodyBytes              largest request body accepted on the UFTP endpoints (the other entries have
 *                                  {@code flexhub.web.max-body-bytes})
 * @param processRecoveryInterval   how often received messages left unprocessed (e.g. by a crash) are picked up
 * @param processLease              how long a worker may hold a received message it is processing; a message an
 *                                  instance held when it died is processed again this long after
 * @param outbox                    delivery policy for outgoing messages
 * @param participants              peers (domain, role, cs1 public key, endpoint, contracts)
 * @param barredSenders             domains whose messages are rejected as "Barred Sender" although their key is
 *                                  configured: blocked without losing the participant's set-up
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.usef")
public record UsefProperties(
        @NotBlank @Pattern(regexp = UsefProperties.DOMAIN) String ownDomain,
        @NotBlank @Pattern(regexp = "AGR|CRO|DSO") String ownRole,
        String privateKey,
        @Valid @NotNull Market market,
        @NotNull DataSize maxBodyBytes,
        @NotNull Duration processRecoveryInterval,
        @NotNull Duration processLease,
        @Valid @NotNull Outbox outbox,
        @Valid List<Participant> participants,
        List<@Pattern(regexp = UsefProperties.DOMAIN) String> barredSenders) {

    /** UFTP's InternetDomainType. */
    static final String DOMAIN = "([a-z0-9]+(-[a-z0-9]+)*\\.)+[a-z]{2,}";

    public UsefProperties {
        participants = participants == null ? List.of() : List.copyOf(participants);
        barredSenders = barredSenders == null ? List.of() : List.copyOf(barredSenders);
    }

    public record Market(@NotNull Duration ispDuration, @NotNull ZoneId timeZone) {
    }

    /**
     * @param pollInterval   how often the outbox is scanned for due messages
     * @param initialDelay   first retry delay; doubled on each attempt
     * @param maxDelay       cap of the retry delay
     * @param giveUpAfter    temporary failures turn permanent after this long (the spec asks for at least an hour)
     * @param connectTimeout TCP connect timeout
     * @param requestTimeout whole-request timeout
     * @param lease          how long an instance may hold a message it is sending before another may take it
     */
    public record Outbox(@NotNull Duration pollInterval, @NotNull Duration initialDelay, @NotNull Duration maxDelay,
                         @NotNull Duration giveUpAfter, @NotNull Duration connectTimeout,
                         @NotNull Duration requestTimeout, @NotNull Duration lease) {
    }

    /**
     * @param contracts the ContractIDs agreed with this participant. The spec makes ContractID optional, but one
     *                  that is given must be known: a participant with none listed has no contract with the hub
     */
    public record Participant(@NotBlank String domain, @NotBlank @Pattern(regexp = "AGR|CRO|DSO") String role,
                              @NotBlank String publicKey, @NotNull URI endpoint,
                              List<@NotBlank String> contracts) {

        public Participant {
            contracts = contracts == null ? List.of() : List.copyOf(contracts);
        }
    }
}
