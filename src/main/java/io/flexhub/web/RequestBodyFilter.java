package io.flexhub.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import io.flexhub.analytics.history.ImportProperties;
import io.flexhub.common.StrictJson;
import io.flexhub.common.StrictText;
import io.flexhub.usef.UsefProperties;
import io.flexhub.web.BodyRules.Refused;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one reading of every request body, before Camel, Tomcat's form parser or a decoder gets to it: the content
 * coding, the media type and charset against what the entry consumes (its REST definition), the body read up to
 * the entry's limit, then strictly decoded ({@link StrictText}) and, for JSON, checked ({@link StrictJson}). What
 * passes goes on as exactly the bytes that came; what does not is answered with a 4xx naming the problem
 * ({@link Refusals}). Runs after authentication, so that only callers allowed in get their bodies read.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBody(HttpEntries entries, UsefProperties usef,
                                                            WebProperties web, ImportProperties archiveImport) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Gate(entries, new BodyLimits(usef, web, archiveImport), new Refusals(web)));
        registration.addUrlPatterns("/shapeshifter/*", "/demo-dso/*", "/api/*", "/services/*", "/ngsi-ld/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    static final class Gate extends OncePerRequestFilter {

        private final HttpEntries entries;
        private final BodyLimits limits;
        private final Refusals refusals;

        Gate(HttpEntries entries, BodyLimits limits, Refusals refusals) {
            this.entries = entries;
            this.limits = limits;
            this.refusals = refusals;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<HttpEntries.Entry> entry = BodyLimits.bodyMethod(request)
                    ? entries.find(request.getMethod(), BodyLimits.path(request)) : Optional.empty();
            if (entry.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            String path = BodyLimits.path(request);
            Dialect dialect = Dialect.of(path);
            long limit = limits.of(dialect, path);
            Body body = new Body(request);
            try {
                BodyRules.contentEncoding(request.getHeader("Content-Encoding"));
                if (entry.get().consumes().isEmpty()) {
                    if (body.read(limit).length > 0) {
                        throw Refused.mediaType(entry.get() + " takes no request body");
                    }
                } else {
                    String mediaType = BodyRules.mediaType(request.getContentType(), entry.get().consumes());
                    check(mediaType, body.read(limit));
                }
            } catch (Refused refused) {
                refusals.send(request, response, dialect, refused.status(dialect), refused.getMessage(),
                        body.bytesRead(), !body.complete());
                return;
            }
            chain.doFilter(body.complete() ? new Read(request, body.bytes()) : request, response);
        }

        private static void check(String mediaType, byte[] bytes) throws Refused {
            if (BodyRules.isBinary(mediaType)) {
                // an archive: its entries are text, and the entry's own reader checks each one as such
                return;
            }
            try {
                String text = StrictText.utf8(bytes, "Body");
                if (BodyRules.isXml(mediaType)) {
                    BodyRules.xmlDeclaration(text);
                } else if (BodyRules.isJson(mediaType)) {
                    StrictJson.check(text, "Body");
                }
            } catch (IllegalArgumentException e) {
                throw Refused.status(400, e.getMessage());
            }
        }
    }

    /** The body as it is read, counted against the limit whether its length was declared or not. */
    private static final class Body {

        private final HttpServletRequest request;
        private byte[] bytes;
        private long read;

        Body(HttpServletRequest request) {
            this.request = request;
        }

        byte[] read(long max) throws IOException, Refused {
            long declared = request.getContentLengthLong();
            if (declared == 0) {
                bytes = new byte[0];
                return bytes;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
            byte[] buffer = new byte[8192];
            InputStream in = request.getInputStream();
            int n;
            try {
                while ((n = in.read(buffer)) >= 0) {
                    read += n;
                    if (read > max) {
                        throw Refused.status(413, "Request body exceeds the limit of " + max + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the client went away or broke the chunked framing: there is no whole body to judge
                throw Refused.status(400, "Request body could not be read to its end: " + e.getMessage());
            }
            bytes = out.toByteArray();
            return bytes;
        }

        boolean complete() {
            return bytes != null;
        }

        byte[] bytes() {
            return bytes;
        }

        long bytesRead() {
            return read;
        }
    }

    /**
     * The request with its body read: the same bytes again, for whichever of stream or reader is asked for. The
     * reader decodes UTF-8, which only text bodies are; Camel takes the stream ({@code camel.rest.endpoint-property
     * .useStreaming}), so a binary body such as a zip reaches it byte for byte.
     */
    private static final class Read extends HttpServletRequestWrapper {

        private final byte[] body;

        Read(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public int available() {
                    return in.available();
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read already; read it synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
