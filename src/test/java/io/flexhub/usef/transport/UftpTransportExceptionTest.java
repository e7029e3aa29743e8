package io.flexhub.usef.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UftpTransportExceptionTest {

    @Test
    void should_keep_the_reason_on_one_short_line_when_it_quotes_hostile_input() {
        UftpTransportException e = new UftpTransportException(400, "bad\r\nInjected: header\t" + "x".repeat(10_000));

        assertThat(e.reason()).doesNotContain("\r", "\n", "\t").startsWith("bad Injected: header x").endsWith("...")
                .hasSizeLessThanOrEqualTo(303);
        assertThat(e.getMessage()).startsWith("400 bad Injected");
    }

    @Test
    void should_call_only_419_and_429_temporary() {
        assertThat(new UftpTransportException(UftpTransportException.AUTHENTICATION_TIMEOUT, "dns").isTemporary())
                .isTrue();
        assertThat(new UftpTransportException(UftpTransportException.TOO_MANY_REQUESTS, "slow down").isTemporary())
                .isTrue();
        assertThat(new UftpTransportException(UftpTransportException.UNAUTHORIZED, "bad").isTemporary()).isFalse();
    }
}
