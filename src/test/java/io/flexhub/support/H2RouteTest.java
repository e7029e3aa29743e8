package io.flexhub.support;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.apache.camel.util.function.ThrowingConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the route tests: the H2 hub with some routes' outbound steps replaced by AdviceWith. All route tests share
 * one context of their own (the property below sets it apart from the end-to-end context, which must keep its real
 * endpoints); each route is advised once per context by the one test class that owns it, and its stand-in behaves
 * like the real endpoint unless that class's test asks otherwise, so the route tests do not disturb each other.
 */
@CamelSpringBootTest
// camel-test turns JMX off for the whole JVM unless told otherwise, and the contexts built after a route test (the
// end-to-end ones that read Camel's MBeans through Jolokia) would then have none
@DisableJmx(false)
@TestPropertySource(properties = "flexhub.usef.outbox.max-delay=500ms")
public abstract class H2RouteTest extends H2HubTest {

    /** Routes advised in each context; a context the cache evicted and built again is advised again. */
    private static final Map<CamelContext, Set<String>> ADVISED = Collections.synchronizedMap(new WeakHashMap<>());

    @Autowired
    protected CamelContext camel;

    /** Advises the route unless it has been in this context already (the advice lives as long as the context). */
    protected void adviseOnce(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice)
            throws Exception {
        Set<String> routes = ADVISED.computeIfAbsent(camel, c -> ConcurrentHashMap.newKeySet());
        synchronized (routes) {
            if (!routes.contains(routeId)) {
                AdviceWith.adviceWith(camel, routeId, advice);
                routes.add(routeId);
            }
        }
    }
}
