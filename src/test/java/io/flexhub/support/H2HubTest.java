package io.flexhub.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of end-to-end tests on the embedded default (H2); subclasses share one application context. */
// Metrics export is off in Spring tests by default; on here so /actuator/prometheus is tested as it runs.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HubTestBeans.class)
public abstract class H2HubTest extends HubTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
        registry.add("flexhub.probes.directory", PROBES_DIR::toString);
    }
}
