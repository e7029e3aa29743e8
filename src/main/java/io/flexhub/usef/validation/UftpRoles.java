package io.flexhub.usef.validation;

import java.util.Optional;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.USEFRoleType;

/**
 * Which role sends which message type. In 3.x the role travels only in {@code SignedMessage/@SenderRole}, so the
 * envelope stage compares that role with the one the payload type implies.
 */
public final class UftpRoles {

    private UftpRoles() {
    }

    /** The one role that sends this type; empty when any role may send it (TestMessage, TestMessageResponse). */
    public static Optional<USEFRoleType> expectedSenderRole(Class<? extends PayloadMessageType> type) {
        return single(UftpMessageType.of(type));
    }

    /** As {@link #expectedSenderRole(Class)} by XML root element name; empty for an unknown root name too. */
    public static Optional<USEFRoleType> expectedSenderRole(String rootName) {
        return UftpMessageType.ofRootName(rootName).flatMap(UftpRoles::single);
    }

    public static boolean maySend(USEFRoleType role, Class<? extends PayloadMessageType> type) {
        return UftpMessageType.of(type).senderRoles().contains(role);
    }

    private static Optional<USEFRoleType> single(UftpMessageType type) {
        return type.senderRoles().size() == 1 ? type.senderRoles().stream().findFirst() : Optional.empty();
    }
}
