package io.flexhub.usef.xml;

import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.validation.ValidationContext;
import org.codehaus.stax2.validation.XMLValidationProblem;
import org.codehaus.stax2.validation.XMLValidationSchema;
import org.codehaus.stax2.validation.XMLValidator;

/**
 * {@link AttributeLimits} for a Woodstox stream: a stax2 validator chained in front of the schema validator, so an
 * over-long value is refused before the schema's regex engine runs on it (stax2 calls chained validators in the
 * order they were added).
 */
final class AttributeLimitSchema implements XMLValidationSchema {

    static final AttributeLimitSchema INSTANCE = new AttributeLimitSchema();

    private AttributeLimitSchema() {
    }

    @Override
    public XMLValidator createValidator(ValidationContext context) {
        return new Limits(this, context);
    }

    @Override
    public String getSchemaType() {
        return XMLValidationSchema.SCHEMA_ID_W3C_SCHEMA;
    }

    private static final class Limits extends XMLValidator {

        private final XMLValidationSchema schema;
        private final ValidationContext context;
        private String element;

        Limits(XMLValidationSchema schema, ValidationContext context) {
            this.schema = schema;
            this.context = context;
        }

        @Override
        public XMLValidationSchema getSchema() {
            return schema;
        }

        @Override
        public void validateElementStart(String localName, String uri, String prefix) {
            element = localName;
        }

        @Override
        public String validateAttribute(String localName, String uri, String prefix, String value)
                throws XMLStreamException {
            check(localName, value.length());
            return null;
        }

        @Override
        public String validateAttribute(String localName, String uri, String prefix, char[] buffer, int start,
                int end) throws XMLStreamException {
            check(localName, end - start);
            return null;
        }

        private void check(String attribute, int length) throws XMLStreamException {
            String refusal = AttributeLimits.refusal(element, attribute, length);
            if (refusal != null) {
                context.reportProblem(new XMLValidationProblem(context.getValidationLocation(), refusal,
                        XMLValidationProblem.SEVERITY_FATAL));
            }
        }

        @Override
        public int validateElementAndAttributes() {
            return CONTENT_ALLOW_ANY_TEXT;
        }

        @Override
        public int validateElementEnd(String localName, String uri, String prefix) {
            return CONTENT_ALLOW_ANY_TEXT;
        }

        @Override
        public void validateText(String text, boolean lastTextSegment) {
            // text has no limit of its own: the schema validator checks it
        }

        @Override
        public void validateText(char[] buffer, int start, int end, boolean lastTextSegment) {
            // as above
        }

        @Override
        public void validationCompleted(boolean eod) {
            // nothing is pending at the end
        }

        @Override
        public String getAttributeType(int index) {
            return null;
        }

        @Override
        public int getIdAttrIndex() {
            return -1;
        }

        @Override
        public int getNotationAttrIndex() {
            return -1;
        }
    }
}
