package io.flexhub.common.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

/**
 * {@link HttpTransport} through a flow's {@code direct:} route whose {@code toD} calls camel-http (for example
 * {@code ngsild-broker.camel.yaml}). The endpoint is the target's origin with this transport's timeouts and pool, so
 * Hawtio shows one endpoint per server and not one per entity id in a path; the full request URI and the method travel
 * in {@code CamelHttpUri} and {@code CamelHttpMethod}. Every status is answered back, the endpoint's client
 * ({@link OutboundHttpClient}) neither retries nor redirects, and only the call's own headers go out.
 */
public final class CamelHttpTransport implements HttpTransport {

    /** The registry name of {@link OutboundHttpClient}. */
    public static final String CLIENT = "outboundHttpClient";
    /** Exchange properties the flow's route reads. */
    public static final String ENDPOINT = "outboundHttpEndpoint";
    public static final String URI_PROPERTY = "outboundHttpUri";
    public static final String METHOD = "outboundHttpMethod";

    private final ProducerTemplate producer;
    private final String route;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    private final OutboundHttpProperties pool;

    /**
     * @param route         the flow's {@code direct:} endpoint
     * @param answerTimeout the endpoint's answer timeout; a call with a shorter timeout waits only that long (the
     *                      request runs on until this one). Null: each call's own timeout is the endpoint's, for
     *                      callers whose timeouts are few and fixed (one endpoint per server and timeout)
     */
    public CamelHttpTransport(ProducerTemplate producer, String route, Duration connectTimeout, Duration answerTimeout,
            OutboundHttpProperties pool) {
        this.producer = producer;
        this.route = route;
        this.connectTimeout = connectTimeout;
        this.answerTimeout = answerTimeout;
        this.pool = pool;
    }

    /** The camel-http endpoint of a request: its origin, every status answered back, the timeouts and the pool. */
    public String endpoint(URI target, Duration answer) {
        String scheme = target.getScheme();
        if (target.getRawAuthority() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("not an absolute http(s) URI: " + target);
        }
        return scheme.toLowerCase(java.util.Locale.ROOT) + "://" + target.getRawAuthority()
                + "?throwExceptionOnFailure=false&copyHeaders=false&followRedirects=false"
                + "&httpClientConfigurer=#" + CLIENT
                + "&connectTimeout=" + connectTimeout.toMillis() + "&connectionRequestTimeout=" + connectTimeout.toMillis()
                + "&responseTimeout=" + answer.toMillis()
                + "&connectionsPerRoute=" + pool.connectionsPerRoute()
                + "&maxTotalConnections=" + pool.maxTotalConnections();
    }

    @Override
    public HttpAnswer send(HttpCall call) throws IOException {
        Duration answer = answerTimeout == null ? call.timeout() : answerTimeout;
        String endpoint = endpoint(call.uri(), answer);
        Processor request = e -> {
            e.setProperty(ENDPOINT, endpoint);
            e.setProperty(URI_PROPERTY, call.uri().toASCIIString());
            e.setProperty(METHOD, call.method());
            call.headers().forEach(e.getMessage()::setHeader);
            e.getMessage().setBody(call.body());
        };
        Exchange sent;
        if (call.timeout().compareTo(answer) < 0) {
            CompletableFuture<Exchange> pending = producer.asyncSend(route, request);
            try {
                sent = pending.get(Math.max(1, call.timeout().toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new SocketTimeoutException("no answer within " + call.timeout().toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + call.uri());
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        } else {
            sent = producer.send(route, request);
        }
        return answer(sent);
    }

    private static HttpAnswer answer(Exchange sent) throws IOException {
        Exception failure = sent.getException() != null ? sent.getException()
                : sent.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure != null) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof IOException io) {
                    throw io;
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(failure);
        }
        Integer status = sent.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw new IOException("no HTTP status in the answer");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        sent.getMessage().getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null) {
                List<String> values = new ArrayList<>();
                if (value instanceof Iterable<?> many) {
                    many.forEach(v -> values.add(String.valueOf(v)));
                } else {
                    values.add(String.valueOf(value));
                }
                headers.put(name, values);
            }
        });
        return new HttpAnswer(status, headers, sent.getMessage().getBody(byte[].class));
    }
}
