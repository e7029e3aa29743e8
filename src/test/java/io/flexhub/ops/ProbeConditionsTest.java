package io.flexhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.flexhub.ngsild.NgsiLdProperties;

/** The broker and SMTP checks exist exactly when there is a broker URL / SMTP host to check. */
class ProbeConditionsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(OpsProperties.class, () -> new OpsProperties(50, Duration.ofMinutes(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(15), List.of()))
            // the broker check calls out through the hub's outbound route
            .withBean(org.apache.camel.ProducerTemplate.class, io.flexhub.support.OutboundCamel::producer)
            .withBean(io.flexhub.common.http.OutboundHttpProperties.class,
                    () -> io.flexhub.common.http.OutboundHttpProperties.DEFAULTS)
            .withUserConfiguration(Properties.class, BrokerHealthIndicator.class, SmtpHealthIndicator.class);

    /** The broker check reads the broker URL as the hub normalises it. */
    @EnableConfigurationProperties(NgsiLdProperties.class)
    static class Properties {
    }

    @Test
    void should_check_neither_in_the_embedded_set_up() {
        runner.withPropertyValues("flexhub.ngsild.broker-url=", "flexhub.notify.smtp.host=")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(BrokerHealthIndicator.class).doesNotHaveBean(SmtpHealthIndicator.class));
    }

    @Test
    void should_check_the_broker_and_the_mail_server_once_configured() {
        runner.withPropertyValues("flexhub.ngsild.broker-url=http://orion:1026", "flexhub.notify.smtp.host=mail",
                        "flexhub.notify.smtp.port=1025")
                .run(context -> {
                    assertThat(context).hasSingleBean(BrokerHealthIndicator.class).hasSingleBean(SmtpHealthIndicator.class);
                    assertThat(context.getBean(SmtpHealthIndicator.class).health().getDetails())
                            .containsEntry("server", "mail:1025");
                });
    }
}
