package io.flexhub.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import io.flexhub.usef.UsefProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Body limits checked before anything reads the body: UFTP demands a Content-Length (411 without one), and
 * no endpoint that takes XML or JSON-LD reads more than the configured maximum (413). Bodies without a
 * declared length (chunked) are cut off at the limit while being read.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitFilter {

    static final String UFTP_PATH = "/shapeshifter/";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestLimit(UsefProperties usef) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Limit(usef.maxBodyBytes().toBytes()));
        registration.addUrlPatterns("/shapeshifter/*", "/demo-dso/*", "/api/*", "/services/*", "/ngsi-ld/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static final class Limit extends OncePerRequestFilter {

        private final long maxBytes;

        Limit(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod())
                    && !"PATCH".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            long declared = request.getContentLengthLong();
            if (declared > maxBytes) {
                reject(response, 413, "Request body of " + declared + " bytes exceeds the limit of " + maxBytes);
                return;
            }
            if (declared < 0 && request.getRequestURI().startsWith(UFTP_PATH)) {
                reject(response, 411, "Content-Length header is required");
                return;
            }
            chain.doFilter(declared < 0 ? new Capped(request, maxBytes) : request, response);
        }

        private static void reject(HttpServletResponse response, int status, String reason) throws IOException {
            response.setStatus(status);
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write(reason.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads at most {@code max} bytes of a body of undeclared length, then fails the read. */
    static final class Capped extends HttpServletRequestWrapper {

        private final long max;

        Capped(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = in.read(buf, off, len);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > max) {
                        throw new BodyTooLargeException(max);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
