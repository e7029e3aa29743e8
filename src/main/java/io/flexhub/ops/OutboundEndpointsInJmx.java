package io.flexhub.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's outbound calls are dynamic endpoints ({@code toD}: one per UFTP participant, one per SMTP server), which
 * Camel leaves out of JMX once it has started. Operators watch them in Hawtio, so they are registered like the static
 * ones. The dynamic URIs are bounded (participants and mail servers are configuration), so this adds a handful of
 * MBeans, not one per message.
 */
@Configuration(proxyBeanMethods = false)
class OutboundEndpointsInJmx {

    @Bean
    CamelContextConfiguration registerOutboundEndpoints() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                ManagementAgent agent = camelContext.getManagementStrategy().getManagementAgent();
                if (agent != null) {
                    agent.setRegisterAlways(true);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
