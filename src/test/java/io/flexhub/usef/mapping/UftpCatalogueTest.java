package io.flexhub.usef.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.flexhub.usef.validation.UftpMessageType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * The UFTP message catalogue of the validation ({@link UftpMessageType}: JAXB type, roles, references), the
 * translator's own ({@link io.flexhub.usef.mapping.UftpMessageType}, which stays free of JAXB, see
 * UftpMappingArchitectureTest) and its hand-written table ({@code UftpSchema}) against each other and against the
 * official UFTP 3.x XSD of the shapeshifter-api jar and the JAXB types generated from it: the same messages under
 * the same names, and in the table the same attributes and child elements, all the way down.
 */
class UftpCatalogueTest {

    private static final String JAXB_PACKAGE = "org.lfenergy.shapeshifter.api.";
    private static final List<String> XSDS = List.of("UFTP.xsd", "UFTP-common.xsd", "UFTP-agr-cro.xsd",
            "UFTP-agr-dso.xsd", "UFTP-cro-dso.xsd", "UFTP-metering.xsd");

    @Test
    void should_name_every_payload_message_of_the_xsd_and_no_other() {
        Set<String> xsd = new TreeSet<>(globalElements());
        Set<String> catalogue = Arrays.stream(UftpMessageType.values()).map(UftpMessageType::rootName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(xsd).contains("SignedMessage");
        xsd.remove("SignedMessage");
        assertThat(catalogue).isEqualTo(xsd);
    }

    @Test
    void should_list_the_same_messages_under_the_same_names_in_the_translator_as_in_the_validation() {
        Map<String, String> validation = new TreeMap<>();
        for (UftpMessageType t : UftpMessageType.values()) {
            validation.put(t.name(), t.rootName());
        }
        Map<String, String> translator = new TreeMap<>();
        for (io.flexhub.usef.mapping.UftpMessageType t : io.flexhub.usef.mapping.UftpMessageType.values()) {
            translator.put(t.name(), t.xmlName());
            assertThat(t.ngsiType()).isEqualTo(t.xmlName().replace("-", ""));
        }
        assertThat(translator).isEqualTo(validation);
    }

    @Test
    void should_find_the_jaxb_type_of_every_message_of_the_xsd_under_its_root_name() throws ClassNotFoundException {
        for (String element : globalElements()) {
            Class<?> jaxb = Class.forName(JAXB_PACKAGE + element.replace("-", ""));
            assertThat(jaxb.getAnnotation(XmlRootElement.class).name()).as(jaxb.getName()).isEqualTo(element);
            if (!element.equals("SignedMessage")) {
                assertThat(UftpMessageType.of(jaxb).rootName()).isEqualTo(element);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UftpMessageType.class)
    void should_map_every_attribute_and_element_of_the_jaxb_type(UftpMessageType type) {
        UftpSchema.ElementSpec spec = UftpSchema.message(io.flexhub.usef.mapping.UftpMessageType.valueOf(type.name()));

        assertThat(spec.xmlName).isEqualTo(type.rootName());
        compare(spec, type.javaType(), type.rootName());
    }

    /** The table's attributes (name, required) and children (name) against the JAXB class, recursively. */
    private static void compare(UftpSchema.ElementSpec spec, Class<?> jaxb, String where) {
        Map<String, Boolean> attributes = new TreeMap<>();
        Map<String, Class<?>> children = new TreeMap<>();
        for (Class<?> c = jaxb; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                XmlAttribute attribute = field.getAnnotation(XmlAttribute.class);
                if (attribute != null) {
                    attributes.put(attribute.name(), attribute.required());
                }
                XmlElement element = field.getAnnotation(XmlElement.class);
                if (element != null) {
                    children.put(element.name(), elementType(field));
                }
            }
        }
        Map<String, Boolean> table = new TreeMap<>();
        for (UftpSchema.AttributeSpec a : spec.attributes) {
            table.put(a.xmlName, a.required);
        }
        assertThat(table).as("attributes of " + where).isEqualTo(attributes);
        Map<String, UftpSchema.ElementSpec> tableChildren = new TreeMap<>();
        for (UftpSchema.ChildSpec child : spec.children) {
            tableChildren.put(child.element.xmlName, child.element);
        }
        assertThat(tableChildren.keySet()).as("child elements of " + where).isEqualTo(children.keySet());
        children.forEach((name, type) -> compare(tableChildren.get(name), type, where + "/" + name));
    }

    private static Class<?> elementType(Field field) {
        if (List.class.isAssignableFrom(field.getType())) {
            return (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
        }
        return field.getType();
    }

    /** The top-level xs:element names of UFTP.xsd and the files it includes. */
    private static List<String> globalElements() {
        List<String> names = new ArrayList<>();
        for (String xsd : XSDS) {
            Element schema = read(xsd).getDocumentElement();
            for (Node n = schema.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(e.getNamespaceURI())
                        && e.getLocalName().equals("element")) {
                    names.add(e.getAttribute("name"));
                }
            }
        }
        assertThat(names).hasSizeGreaterThan(20);
        return names;
    }

    private static Document read(String xsd) {
        try (InputStream in = PayloadMessageType.class.getClassLoader().getResourceAsStream(xsd)) {
            assertThat(in).as(xsd + " in the shapeshifter-api jar").isNotNull();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + xsd, e);
        }
    }
}
