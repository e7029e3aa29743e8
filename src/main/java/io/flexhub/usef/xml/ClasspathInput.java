package io.flexhub.usef.xml;

import java.io.InputStream;
import java.io.Reader;
import org.w3c.dom.ls.LSInput;

/** An already opened schema include; the schema loader reads only the stream and the ids. */
final class ClasspathInput implements LSInput {

    private final String publicId;
    private final String systemId;
    private final String baseUri;
    private final InputStream byteStream;

    ClasspathInput(String publicId, String systemId, String baseUri, InputStream byteStream) {
        this.publicId = publicId;
        this.systemId = systemId;
        this.baseUri = baseUri;
        this.byteStream = byteStream;
    }

    @Override
    public InputStream getByteStream() {
        return byteStream;
    }

    @Override
    public String getSystemId() {
        return systemId;
    }

    @Override
    public String getPublicId() {
        return publicId;
    }

    @Override
    public String getBaseURI() {
        return baseUri;
    }

    @Override
    public Reader getCharacterStream() {
        return null;
    }

    @Override
    public String getStringData() {
        return null;
    }

    @Override
    public String getEncoding() {
        return null;
    }

    @Override
    public boolean getCertifiedText() {
        return false;
    }

    @Override
    public void setCharacterStream(Reader characterStream) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setByteStream(InputStream byteStream) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setStringData(String stringData) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setSystemId(String systemId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setPublicId(String publicId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setBaseURI(String baseUri) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setEncoding(String encoding) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {
        throw new UnsupportedOperationException();
    }
}
