package io.flexhub.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Beans every end-to-end context shares: a movable clock, and recording stand-ins for devices and mail. */
@TestConfiguration(proxyBeanMethods = false)
public class HubTestBeans {

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock();
    }

    @Bean
    @Primary
    RecordingActuator recordingActuator() {
        return new RecordingActuator();
    }

    @Bean
    @Primary
    RecordingNotifications recordingNotifications() {
        return new RecordingNotifications();
    }

    @Bean
    @Primary
    TestSiteContext testSiteContext() {
        return new TestSiteContext();
    }
}
