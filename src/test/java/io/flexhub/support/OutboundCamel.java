package io.flexhub.support;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import io.flexhub.common.http.CamelHttpTransport;
import io.flexhub.common.http.HttpTransport;
import io.flexhub.common.http.OutboundHttpClient;
import io.flexhub.common.http.OutboundHttpProperties;

/**
 * The hub's outbound HTTP routes (broker, broker health, forecasting service, probes) in a Camel context of their own,
 * for tests that build a client without Spring: the client then makes its calls exactly as in the hub, through the
 * routes' camel-http endpoints. One context per test JVM, stopped when it ends; each caller gets a template of its own,
 * because a Spring test context that holds one as a bean closes it when the test ends.
 */
public final class OutboundCamel {

    private static final String[] ROUTES = {"hub-route-configurations", "ngsild-broker", "ops-broker-health",
            "forecast-service", "probes-http"};
    private static CamelContext camel;

    private OutboundCamel() {
    }

    public static synchronized ProducerTemplate producer() {
        if (camel == null) {
            try {
                CamelContext context = new DefaultCamelContext();
                context.disableJMX();
                context.getRegistry().bind(CamelHttpTransport.CLIENT, new OutboundHttpClient());
                // the route files name beans of the hub that these routes never reach
                Resource[] resources = new Resource[ROUTES.length];
                for (int i = 0; i < ROUTES.length; i++) {
                    resources[i] = ResourceHelper.resolveMandatoryResource(context,
                            "classpath:routes/" + ROUTES[i] + ".camel.yaml");
                }
                PluginHelper.getRoutesLoader(context).loadRoutes(resources);
                context.start();
                Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
                camel = context;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the outbound routes", e);
            }
        }
        return camel.createProducerTemplate();
    }

    /** A transport over one of the routes, as the hub builds it. */
    public static HttpTransport transport(String route, Duration connectTimeout, Duration answerTimeout) {
        return new CamelHttpTransport(producer(), route, connectTimeout, answerTimeout, OutboundHttpProperties.DEFAULTS);
    }
}
