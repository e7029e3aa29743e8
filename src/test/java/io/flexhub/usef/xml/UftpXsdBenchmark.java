package io.flexhub.usef.xml;

import io.flexhub.usef.CpuTime;
import io.flexhub.usef.Payloads6k;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xml.sax.InputSource;

/**
 * Schema validation of a 6 KB FlexRequest: pooled validator + reader (what UftpXsd does) against creating both
 * per call, plus the other per-message XML steps. Not run by surefire; {@link #main} measures CPU time per
 * operation instead ({@link CpuTime}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UftpXsdBenchmark {

    private UftpXsd xsd;
    private UftpJaxb jaxb;
    private byte[] payload;

    @Setup
    public void setUp() {
        xsd = new UftpXsd();
        jaxb = new UftpJaxb(xsd);
        payload = Payloads6k.flexRequest();
        xsd.validate(payload);
    }

    public static void main(String[] args) throws Exception {
        UftpXsdBenchmark b = new UftpXsdBenchmark();
        b.setUp();
        CpuTime.report("validate, pooled", () -> {
            b.validatePooled();
            return null;
        });
        CpuTime.report("validate, created per call", () -> {
            b.validateCreatingPerCall();
            return null;
        });
        CpuTime.report("read root (StAX)", b::readRoot);
        CpuTime.report("unmarshal (validating)", b::unmarshalValidating);
    }

    @Benchmark
    public void validatePooled() {
        xsd.validate(payload);
    }

    @Benchmark
    public void validateCreatingPerCall() throws Exception {
        Validator validator = SafeXml.harden(xsd.schema().newValidator());
        validator.validate(new SAXSource(SafeXml.newXmlReader(), new InputSource(new ByteArrayInputStream(payload))));
    }

    @Benchmark
    public RootElement readRoot() {
        return XmlRoot.read(payload, "payload");
    }

    @Benchmark
    public Object unmarshalValidating() {
        return jaxb.unmarshal(payload);
    }
}
