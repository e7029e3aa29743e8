package io.flexhub.web;

import io.flexhub.analytics.history.ImportProperties;
import io.flexhub.usef.UsefProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The body limit of each entry: the UFTP transport's own, the archive import's own, and the larger one of everything
 * else.
 */
final class BodyLimits {

    /** Takes zip archives of FlexRequests, with {@code flexhub.analytics.import.max-archive-bytes}. */
    static final String ARCHIVE_IMPORT = "/api/analytics/flex-requests";

    private final long uftp;
    private final long archive;
    private final long others;

    BodyLimits(UsefProperties usef, WebProperties web, ImportProperties archiveImport) {
        this.uftp = usef.maxBodyBytes().toBytes();
        this.archive = archiveImport.maxArchiveBytes().toBytes();
        this.others = web.maxBodyBytes().toBytes();
    }

    long of(Dialect dialect, String path) {
        if (dialect == Dialect.UFTP) {
            return uftp;
        }
        return ARCHIVE_IMPORT.equals(path) ? archive : others;
    }

    /**
     * The path as the servlet container decoded and normalised it, which is what routing sees: the raw URI
     * could spell a path in percent-escapes ({@code /%73hapeshifter/...}) and slip past a check by prefix.
     */
    static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    static boolean bodyMethod(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }
}
