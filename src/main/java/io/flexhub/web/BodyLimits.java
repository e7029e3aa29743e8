package io.flexhub.web;

import io.flexhub.usef.UsefProperties;
import jakarta.servlet.http.HttpServletRequest;

/** The body limit of each dialect: the UFTP transport's own, and the larger one of everything else. */
final class BodyLimits {

    private final long uftp;
    private final long others;

    BodyLimits(UsefProperties usef, WebProperties web) {
        this.uftp = usef.maxBodyBytes().toBytes();
        this.others = web.maxBodyBytes().toBytes();
    }

    long of(Dialect dialect) {
        return dialect == Dialect.UFTP ? uftp : others;
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
