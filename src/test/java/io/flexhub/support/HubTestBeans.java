package io.flexhub.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.flexhub.notify.MailNotifications;
import io.flexhub.site.embedded.EmbeddedActuator;

/**
 * Beans every end-to-end context shares: a movable clock, and recording wrappers around the real device
 * actuator and mail notifications (they pass everything on, so the hub behaves as without them).
 */
@TestConfiguration(proxyBeanMethods = false)
public class HubTestBeans {

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Bean
    @Primary
    RecordingActuator recordingActuator(ObjectProvider<EmbeddedActuator> embedded) {
        return new RecordingActuator(embedded::getIfAvailable);
    }

    @Bean
    @Primary
    RecordingNotifications recordingNotifications(ObjectProvider<MailNotifications> mail) {
        return new RecordingNotifications(mail::getIfAvailable);
    }
}
