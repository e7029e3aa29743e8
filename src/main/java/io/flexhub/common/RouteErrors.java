package io.flexhub.common;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the error policies do with the exception a route caught: on the UFTP transport endpoint a plain-text
 * status and reason (what UFTP peers log), on the admin API RFC 9457 problem details, in background work a log
 * entry with the stack trace (the row stays persisted and the next poll retries it). A broker that cannot be
 * reached or fails is 503 with Retry-After, one that refuses a write 502. Unexpected failures are answered 500
 * without internals.
 */
@Component("routeErrors")
public class RouteErrors {

    private static final Logger LOG = LoggerFactory.getLogger(RouteErrors.class);
    /** A broker restart takes about this long; the caller's retry should not hammer one that is coming back. */
    static final int BROKER_RETRY_AFTER_SECONDS = 30;
    /** Exchange property: what a route that unmarshals its body calls that body in a refusal. */
    public static final String JSON_DOCUMENT = "jsonDocument";
    private final ObjectMapper json;

    public RouteErrors(ObjectMapper json) {
        this.json = json;
    }

    public void transport(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String reason;
        if (cause instanceof TransportRefusal e) {
            status = e.httpStatus();
            reason = e.reason();
            LOG.info("UFTP message refused with HTTP {}: {}", status, reason);
        } else {
            status = 500;
            reason = "Internal error; the message was not accepted, please retry";
            LOG.error("UFTP message could not be received", cause);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getMessage().setBody(reason.getBytes(StandardCharsets.UTF_8));
    }

    public void problem(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String title;
        String detail;
        String retryAfter = null;
        if (cause instanceof UpstreamFailure e && (e.status() == 0 || e.status() >= 500)) {
            status = 503;
            title = "Service Unavailable";
            detail = "The " + e.service() + " is unavailable, so the request was not carried out; retry in "
                    + BROKER_RETRY_AFTER_SECONDS + " s (" + e.getMessage() + ")";
            retryAfter = Integer.toString(BROKER_RETRY_AFTER_SECONDS);
            LOG.warn("API request refused with 503, the {} is unavailable: {}", e.service(), e.getMessage());
        } else if (cause instanceof UpstreamFailure e) {
            // the service refused what the hub sent: not the caller's input (that was checked), so not a 4xx of ours
            status = 502;
            title = "Bad Gateway";
            detail = "The " + e.service() + " refused the change: " + e.getMessage();
            LOG.warn("API request failed, the {} refused: {}", e.service(), e.getMessage());
        } else if (cause instanceof ApiException e) {
            status = e.status();
            title = e.title();
            detail = e.getMessage();
        } else if (cause instanceof JsonProcessingException e && e.getProcessor() instanceof JsonParser) {
            // a route's unmarshal step read the caller's body: the caller's error, named where the parser stopped
            status = 400;
            title = "Bad Request";
            detail = unreadable(e, exchange.getProperty(JSON_DOCUMENT, String.class));
        } else if (cause instanceof IllegalArgumentException) {
            status = 400;
            title = "Bad Request";
            detail = cause.getMessage();
        } else {
            status = 500;
            title = "Internal Server Error";
            detail = "The request could not be processed; see the hub's log";
            LOG.error("API request failed", cause);
        }
        Map<String, Object> body = JsonReplies.problem(status, title, detail,
                exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        if (retryAfter != null) {
            exchange.getMessage().setHeader("Retry-After", retryAfter);
        }
        try {
            exchange.getMessage().setBody(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Syntax only: the body passed the shared checks (StrictJson) already, and the document's reader names the fields
     * it refuses. {@code document} is what the route calls its body (exchange property {@value #JSON_DOCUMENT}).
     */
    static String unreadable(JsonProcessingException e, String document) {
        String what = document == null ? "Body is" : "Invalid " + document + ":";
        if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("No content")) {
            return what + " empty: a JSON document is required";
        }
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst()
                .orElse("unreadable");
        JsonLocation at = e.getLocation();
        return what + " not valid JSON: " + message
                + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    public void background(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Route {} failed on {}; the work stays persisted and the next poll retries it",
                exchange.getFromRouteId(), exchange.getMessage().getBody(), cause);
    }
}
