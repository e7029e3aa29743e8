package io.flexhub.ops;

import org.springframework.stereotype.Component;

import io.flexhub.usef.UftpTraffic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** UFTP message counts as {@code flexhub_uftp_messages_total{direction,type,result}}. */
@Component
class UftpTrafficMetrics implements UftpTraffic {

    private final MeterRegistry registry;

    UftpTrafficMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void count(String direction, String type, String result) {
        // Micrometer caches meters by id, so looking the counter up per message costs a map lookup only.
        Counter.builder("flexhub.uftp.messages")
                .description("UFTP messages by direction, message type and what became of them")
                .tag("direction", direction).tag("type", type).tag("result", result)
                .register(registry).increment();
    }
}
