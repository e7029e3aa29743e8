package io.flexhub.usef;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.flexhub.usef.crypto.Cs1PublicKey;

/**
 * The UFTP participants the hub trades with: who may send to us (and with which key) and where our messages to
 * them go. Configured ones come from {@code flexhub.usef.participants}; others from {@link ParticipantSource}s
 * (the demo DSO, only while the demo runs). Keys are parsed at start-up so a typo stops the hub with the
 * culprit's name, and the trusted set is logged once, so an operator sees whom the hub believes.
 */
@Component
public class ParticipantDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantDirectory.class);

    public record Peer(String domain, String role, Cs1PublicKey publicKey, URI endpoint) {
    }

    private final Map<String, Peer> configured = new LinkedHashMap<>();
    private final List<ParticipantSource> sources;

    public ParticipantDirectory(UsefProperties properties, List<ParticipantSource> sources) {
        this.sources = List.copyOf(sources);
        for (UsefProperties.Participant p : properties.participants()) {
            Cs1PublicKey key;
            try {
                key = Cs1PublicKey.parse(p.publicKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("flexhub.usef.participants: public key of " + p.domain() + " ("
                        + p.role() + ") is invalid: " + e.getMessage(), e);
            }
            if (configured.putIfAbsent(key(p.domain(), p.role()), new Peer(p.domain(), p.role(), key, p.endpoint()))
                    != null) {
                throw new IllegalStateException("flexhub.usef.participants lists " + p.role() + " " + p.domain()
                        + " twice; each participant and role may have one key");
            }
        }
        for (Peer peer : contributed()) {
            if (configured.containsKey(key(peer.domain(), peer.role()))) {
                throw new IllegalStateException("flexhub.usef.participants lists " + peer.role() + " "
                        + peer.domain() + ", which the demo DSO already is while flexhub.demo.enabled=true;"
                        + " remove it from the participants or switch the demo off");
            }
        }
        logTrusted();
    }

    private void logTrusted() {
        List<String> names = all().map(p -> p.role() + " " + p.domain()).toList();
        if (names.isEmpty()) {
            LOG.warn("No UFTP participants configured (flexhub.usef.participants): every signed message is refused"
                    + " with 401 until the peers the hub trades with are listed");
        } else {
            LOG.info("Trusting {} UFTP participant(s): {}", names.size(), String.join(", ", names));
        }
    }

    public Optional<Peer> find(String domain, String role) {
        Peer peer = configured.get(key(domain, role));
        if (peer != null) {
            return Optional.of(peer);
        }
        return contributed().stream().filter(p -> p.domain().equals(domain) && p.role().equals(role)).findFirst();
    }

    /** Every participant the hub trusts now, configured ones first. */
    public List<Peer> peers() {
        return all().toList();
    }

    private Stream<Peer> all() {
        return Stream.concat(configured.values().stream(), contributed().stream());
    }

    private List<Peer> contributed() {
        List<Peer> peers = new ArrayList<>();
        sources.forEach(s -> peers.addAll(s.peers()));
        return peers;
    }

    private static String key(String domain, String role) {
        return role + "@" + domain;
    }
}
