package io.flexhub.web;

/**
 * How an entry answers a request it refuses. UFTP peers get plain text and, as the spec's transport table says,
 * 400 for a Content-Type or charset it does not take; the seed's DR interface answered 400 for those too, so its
 * clients keep seeing that; the rest of the API answers 415 and RFC 9457 problem details. The UFTP endpoints
 * (the hub's and the demo DSO's) are capped by {@code flexhub.usef.max-body-bytes}, the archive import by
 * {@code flexhub.analytics.import.max-archive-bytes}, the others by {@code flexhub.web.max-body-bytes}.
 */
enum Dialect {

    UFTP(400, false),
    DR_INTERFACE(400, true),
    API(415, true);

    private final int mediaTypeStatus;
    private final boolean problemDetails;

    Dialect(int mediaTypeStatus, boolean problemDetails) {
        this.mediaTypeStatus = mediaTypeStatus;
        this.problemDetails = problemDetails;
    }

    static Dialect of(String path) {
        if (path.startsWith("/shapeshifter/") || path.startsWith("/demo-dso/")) {
            return UFTP;
        }
        return path.startsWith("/services/demand-response/") ? DR_INTERFACE : API;
    }

    int mediaTypeStatus() {
        return mediaTypeStatus;
    }

    boolean problemDetails() {
        return problemDetails;
    }

    boolean requiresContentLength() {
        return this == UFTP;
    }
}
