package io.flexhub.ngsild.client;

import java.util.Locale;

import io.flexhub.common.UpstreamFailure;

/**
 * A broker error, carrying the ProblemDetails fields. {@link #status()} is 0 when no HTTP response was
 * received (connection refused, timeout) after all retries.
 *
 * <p>{@link #problemType()} is the trimmed last path segment of {@code type}, because brokers disagree on
 * the exact string: Scorpio sends {@code "TooManyResults "} with a trailing space and the non-URI
 * {@code "Unsupported Media type"}, and the tenant error is spelled three different ways.
 */
public class NgsiLdException extends RuntimeException implements UpstreamFailure {

    private final int status;
    private final String typeUri;
    private final String title;
    private final String detail;

    public NgsiLdException(int status, String typeUri, String title, String detail, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.typeUri = typeUri;
        this.title = title;
        this.detail = detail;
    }

    @Override
    public String service() {
        return "NGSI-LD broker";
    }

    @Override
    public int status() {
        return status;
    }

    /** As the broker sent it, untrimmed; may be null. */
    public String typeUri() {
        return typeUri;
    }

    public String problemType() {
        if (typeUri == null) {
            return "";
        }
        String trimmed = typeUri.trim();
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public boolean isProblem(String name) {
        return problemType().equalsIgnoreCase(name);
    }

    /** Scorpio says TenantNotFound, Orion-LD NonExistingTenant, Stellio and ETSI NonexistentTenant. */
    public boolean isUnknownTenant() {
        String t = problemType().toLowerCase(Locale.ROOT);
        return status == 404 && t.contains("tenant");
    }
}
