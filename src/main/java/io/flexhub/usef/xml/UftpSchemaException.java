package io.flexhub.usef.xml;

/** The document is well-formed but not valid against the UFTP 3.x schema; carries where the validator stopped. */
public class UftpSchemaException extends UftpXmlException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String detail;

    public UftpSchemaException(int line, int column, String detail, Throwable cause) {
        super("not schema-valid at line " + line + ", column " + column + ": " + detail, cause);
        this.line = line;
        this.column = column;
        this.detail = clip(detail);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The validator's own message, e.g. {@code cvc-enumeration-valid: Value 'X' is not facet-valid ...}. */
    public String detail() {
        return detail;
    }
}
