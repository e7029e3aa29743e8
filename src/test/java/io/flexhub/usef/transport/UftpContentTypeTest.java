package io.flexhub.usef.transport;

import static io.flexhub.usef.transport.SignedMessageCodecTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UftpContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"text/xml", "text/xml; charset=utf-8", "TEXT/XML;CHARSET=UTF-8",
        "application/xml", "application/xml; charset=\"UTF-8\"", "text/xml; boundary=x; charset=UTF8"})
    void should_accept_when_the_content_type_is_xml_in_utf8(String contentType) {
        assertThatCode(() -> UftpContentType.check(contentType)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void should_answer_400_when_the_content_type_is_missing(String contentType) {
        assertRefused(() -> UftpContentType.check(contentType), 400).isEqualTo("Content-Type is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "text/xml-external-parsed-entity", "xml"})
    void should_answer_400_when_the_media_type_is_not_xml(String contentType) {
        assertRefused(() -> UftpContentType.check(contentType), 400)
                .isEqualTo("Content-Type must be text/xml or application/xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/xml; charset=ISO-8859-1", "application/xml;charset=utf-16", "text/xml; charset="})
    void should_answer_400_when_the_charset_is_not_utf8(String contentType) {
        assertRefused(() -> UftpContentType.check(contentType), 400).isEqualTo("charset must be UTF-8");
    }
}
