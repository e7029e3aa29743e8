package io.flexhub.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of end-to-end tests on the embedded default (H2); subclasses share one application context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class H2HubTest extends HubTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
        registry.add("flexhub.probes.directory", PROBES_DIR::toString);
    }
}
