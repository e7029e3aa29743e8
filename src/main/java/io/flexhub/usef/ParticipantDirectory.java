package io.flexhub.usef;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.flexhub.usef.crypto.Cs1PublicKey;

/**
 * The UFTP participants the hub trades with, from configuration: who may send to us (and with which key) and
 * where our messages to them go. Keys are parsed at start-up so a typo stops the hub with the culprit's name.
 */
@Component
public class ParticipantDirectory {

    public record Peer(String domain, String role, Cs1PublicKey publicKey, URI endpoint) {
    }

    private final Map<String, Peer> peers = new HashMap<>();

    public ParticipantDirectory(UsefProperties properties) {
        for (UsefProperties.Participant p : properties.participants()) {
            Cs1PublicKey key;
            try {
                key = Cs1PublicKey.parse(p.publicKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("flexhub.usef.participants: public key of " + p.domain() + " ("
                        + p.role() + ") is invalid: " + e.getMessage(), e);
            }
            peers.put(key(p.domain(), p.role()), new Peer(p.domain(), p.role(), key, p.endpoint()));
        }
    }

    public Optional<Peer> find(String domain, String role) {
        return Optional.ofNullable(peers.get(key(domain, role)));
    }

    public boolean knowsDomain(String domain) {
        return peers.values().stream().anyMatch(p -> p.domain().equals(domain));
    }

    private static String key(String domain, String role) {
        return role + "@" + domain;
    }
}
