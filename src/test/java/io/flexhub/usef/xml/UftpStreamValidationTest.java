package io.flexhub.usef.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/**
 * The validating reader (MSV on Woodstox) against the Xerces validator of the receive path, which is the reference:
 * on every UFTP fixture and on each of several hundred broken variants of them, both give the same verdict.
 */
class UftpStreamValidationTest {

    private static final UftpXsd XSD = new UftpXsd();
    private static final Pattern ATTRIBUTE = Pattern.compile(" ([A-Za-z-]+)=\"([^\"]*)\"");
    private static final Pattern CHILD = Pattern.compile("(?s)\n\\s*<([A-Za-z]+) [^>]*?/>");
    private static final String[] FIXTURES = {"AGRPortfolioQuery", "AGRPortfolioQueryResponse", "AGRPortfolioUpdate",
        "AGRPortfolioUpdateResponse", "D-Prognosis", "D-PrognosisResponse", "DSOPortfolioQuery",
        "DSOPortfolioQueryResponse", "DSOPortfolioUpdate", "DSOPortfolioUpdateResponse", "FlexOffer",
        "FlexOfferResponse", "FlexOfferRevocation", "FlexOfferRevocationResponse", "FlexOrder", "FlexOrderResponse",
        "FlexRequest", "FlexRequestResponse", "FlexReservationUpdate", "FlexReservationUpdateResponse",
        "FlexSettlement", "FlexSettlementResponse", "Metering", "MeteringResponse", "TestMessage",
        "TestMessageResponse"};

    @Test
    void should_accept_every_fixture_that_the_reference_validator_accepts() {
        for (String name : FIXTURES) {
            String xml = fixture(name);
            assertThat(xercesRefusal(xml)).as(name + " is valid for the reference").isNull();
            assertThat(streamRefusal(xml)).as(name).isNull();
        }
    }

    @Test
    void should_give_the_reference_verdict_on_every_broken_variant() {
        Map<String, String> variants = new LinkedHashMap<>();
        for (String name : FIXTURES) {
            String xml = fixture(name);
            Matcher attribute = ATTRIBUTE.matcher(xml);
            int seen = 0;
            while (attribute.find() && seen++ < 40) {
                String at = name + " " + attribute.group(1) + "@" + attribute.start();
                variants.put(at + " removed", splice(xml, attribute.start(), attribute.end(), ""));
                variants.put(at + " empty", splice(xml, attribute.start(), attribute.end(),
                        " " + attribute.group(1) + "=\"\""));
                variants.put(at + " garbage", splice(xml, attribute.start(), attribute.end(),
                        " " + attribute.group(1) + "=\"x" + attribute.group(2) + "!\""));
                variants.put(at + " doubled", splice(xml, attribute.start(), attribute.end(),
                        " " + attribute.group(1) + "=\"" + attribute.group(2) + attribute.group(2) + "\""));
            }
            Matcher child = CHILD.matcher(xml);
            if (child.find()) {
                variants.put(name + " first " + child.group(1) + " removed", splice(xml, child.start(), child.end(), ""));
                variants.put(name + " unknown child", splice(xml, child.start(), child.start(), "\n<Unknown/>"));
                variants.put(name + " text in " + child.group(1), xml.replaceFirst("(<" + child.group(1) + " [^>]*?)/>",
                        "$1>text</" + child.group(1) + ">"));
            }
            variants.put(name + " unknown attribute", xml.replaceFirst("(<[A-Za-z-]+) ", "$1 Unknown=\"1\" "));
        }

        int refused = 0;
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, String> variant : variants.entrySet()) {
            String reference = xercesRefusal(variant.getValue());
            String stream = streamRefusal(variant.getValue());
            if ((reference == null) != (stream == null)) {
                disagreements.add(variant.getKey() + ": reference " + reference + ", stream " + stream);
            }
            refused += reference == null ? 0 : 1;
        }

        assertThat(disagreements).isEmpty();
        // the variants are mostly real breakage, so agreeing means agreeing on refusals, not only on acceptance
        assertThat(variants).hasSizeGreaterThan(500);
        assertThat(refused).isGreaterThan(variants.size() / 2);
    }

    @Test
    void should_report_where_and_why_a_document_is_invalid() {
        String xml = fixture("FlexRequest").replaceFirst("Disposition=\"Available\"", "Disposition=\"Maybe\"");

        assertThatThrownBy(() -> drain(xml))
                .isInstanceOfSatisfying(UftpSchemaException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.detail()).contains("Disposition").contains("enumeration");
                })
                .hasMessageStartingWith("not schema-valid at line 3, column ");
    }

    @Test
    void should_refuse_a_doctype_and_processing_instructions_like_the_reference() {
        String xml = fixture("TestMessage");
        String body = xml.substring(xml.indexOf("?>") + 2);

        assertThatThrownBy(() -> drain("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]>" + body))
                .isInstanceOf(UftpSchemaException.class).hasMessageContaining(XmlRoot.DOCTYPE_NOT_ALLOWED);
        assertThatThrownBy(() -> drain(xml + "<?pi data?>"))
                .isInstanceOf(UftpSchemaException.class).hasMessageContaining("processing instructions are not allowed");
        assertThat(xercesRefusal(xml + "<?pi data?>")).contains("processing instructions are not allowed");
    }

    @Test
    void should_refuse_an_over_long_domain_before_the_schema_regex_runs_on_it() {
        String xml = fixture("TestMessage").replaceFirst("SenderDomain=\"[^\"]*\"",
                "SenderDomain=\"" + "a".repeat(200_000) + "\"");

        // 200 k characters through the schema's pattern would take about a minute; the limit answers at once
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> drain(xml))
                .isInstanceOf(UftpSchemaException.class)
                .hasMessageContaining("attribute SenderDomain of TestMessage is longer than 253 characters"));
    }

    private static String xercesRefusal(String xml) {
        try {
            XSD.validate(xml.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (UftpXmlException e) {
            return e.getMessage();
        }
    }

    private static String streamRefusal(String xml) {
        try {
            drain(xml);
            return null;
        } catch (UftpXmlException e) {
            return e.getMessage();
        } catch (XMLStreamException e) {
            return "not well-formed: " + e.getMessage();
        }
    }

    private static void drain(String xml) throws XMLStreamException {
        XMLStreamReader reader = XSD.validatingReader(xml.getBytes(StandardCharsets.UTF_8));
        while (reader.hasNext()) {
            reader.next();
        }
        reader.close();
    }

    private static String splice(String text, int start, int end, String replacement) {
        return text.substring(0, start) + replacement + text.substring(end);
    }

    private static String fixture(String name) {
        try (InputStream in = UftpStreamValidationTest.class.getResourceAsStream("/fixtures/usef/" + name + ".xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
