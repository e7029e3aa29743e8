package io.flexhub.usef;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.protocol.RedirectLocations;
import org.apache.hc.client5.http.protocol.RedirectStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.springframework.stereotype.Component;

import io.flexhub.usef.outbox.PeerEndpoint;

/**
 * The HTTP client of the outbox's camel-http endpoints. UFTP allows load balancers to redirect, but a redirect that
 * turns the POST into a GET (301, 302, 303) would lose the message: only 307 and 308 are followed, at most twice, and
 * any other answer is reported as the status it was. Peers get no cookies back: each message stands alone. Nor does the
 * client retry on its own.
 */
@Component(PeerEndpoint.CLIENT)
public class UftpPeerHttpClient implements HttpClientConfigurer {

    static final int MAX_REDIRECTS = 2;

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        // the outbox row is the retry: the client's own (a 503 or 429 tried again at once) would hide attempts
        builder.disableCookieManagement().disableAutomaticRetries().setRedirectStrategy(POST_PRESERVING);
    }

    static final RedirectStrategy POST_PRESERVING = new DefaultRedirectStrategy() {
        @Override
        public boolean isRedirected(HttpRequest request, HttpResponse response, HttpContext context) {
            int status = response.getCode();
            if ((status != HttpStatus.SC_TEMPORARY_REDIRECT && status != HttpStatus.SC_PERMANENT_REDIRECT)
                    || !response.containsHeader("Location")) {
                return false;
            }
            RedirectLocations followed = HttpClientContext.castOrCreate(context).getRedirectLocations();
            return followed == null || followed.size() < MAX_REDIRECTS;
        }
    };
}
