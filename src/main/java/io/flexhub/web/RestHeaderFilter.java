package io.flexhub.web;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Camel's HTTP header filter for the REST entries, except that an answer's own {@code Cache-Control} goes out: the
 * default drops it as a transport header, so the JSON-LD contexts' "cacheable for a day" never reached a broker.
 * Only routes that set the header send it; the admin API and the pages keep the security chain's no-cache.
 */
@Component("restHeaderFilter")
class RestHeaderFilter extends HttpHeaderFilterStrategy {

    RestHeaderFilter() {
        getOutFilter().remove("cache-control");
    }
}
