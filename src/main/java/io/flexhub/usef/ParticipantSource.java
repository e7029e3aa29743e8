package io.flexhub.usef;

import java.util.List;

/**
 * Participants that exist because another feature is switched on rather than because an operator listed them
 * (the demo DSO). Asked on every look-up: an endpoint on this process is only known once the server listens.
 */
public interface ParticipantSource {

    List<ParticipantDirectory.Peer> peers();
}
