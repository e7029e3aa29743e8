package io.flexhub.usef;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.flexhub.usef.transport.SignedMessageCodec;
import io.flexhub.usef.transport.UftpPayloads;
import io.flexhub.usef.validation.UftpMessageValidator;
import io.flexhub.usef.validation.UftpResponses;
import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpXsd;

/** Spring wiring of the framework-free UFTP building blocks; each is thread-safe and built once. */
@Configuration(proxyBeanMethods = false)
class UsefConfiguration {

    @Bean
    UftpXsd uftpXsd() {
        return new UftpXsd();
    }

    @Bean
    UftpJaxb uftpJaxb(UftpXsd xsd) {
        return new UftpJaxb(xsd);
    }

    @Bean
    SignedMessageCodec signedMessageCodec(UftpXsd xsd, UsefProperties usef) {
        return new SignedMessageCodec(xsd, (int) Math.min(Integer.MAX_VALUE, usef.maxBodyBytes().toBytes()));
    }

    @Bean
    UftpPayloads uftpPayloads(UftpXsd xsd) {
        return new UftpPayloads(xsd);
    }

    @Bean
    UftpMessageValidator uftpMessageValidator() {
        return new UftpMessageValidator();
    }

    @Bean
    UftpResponses uftpResponses(UsefProperties usef, Clock clock) {
        return new UftpResponses(usef.ownDomain(), clock);
    }
}
