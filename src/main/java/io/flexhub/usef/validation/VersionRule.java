package io.flexhub.usef.validation;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The hub implements the 3.x XSDs; another major version means another message format. */
final class VersionRule implements ValidationRule {

    private static final Pattern MAJOR_3 = Pattern.compile("0*3\\.\\d+\\.\\d+");

    static boolean isSupported(String version) {
        return version != null && MAJOR_3.matcher(version).matches();
    }

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.ALL;
    }

    @Override
    public List<String> check(ValidationInput input) {
        String version = input.message().getVersion();
        if (version == null || version.isBlank()) {
            return List.of(RejectionReasons.invalidMessage("missing Version"));
        }
        return isSupported(version)
                ? List.of()
                : List.of(RejectionReasons.invalidMessage("unsupported Version " + version));
    }
}
