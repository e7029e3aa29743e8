package io.flexhub.usef.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
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

/**
 * Throughput of the translator on a 96-ISP FlexRequest, next to the floor of a schema-less Jackson XML read
 * plus JSON write of the same message. The target is at least half the floor in both directions. Run with
 * scripts/bench-translate.sh (surefire skips this class).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslationBenchmark {

    private final XmlMapper xmlMapper = new XmlMapper();
    private final ObjectMapper jsonMapper = new ObjectMapper();
    private final UftpJsonLdMapper mapper = new UftpJsonLdMapper("https://hub.flexhub.io/ngsi-ld/uftp-context.jsonld");
    private byte[] xml;
    private byte[] jsonLd;

    @Setup
    public void load() throws IOException {
        try (InputStream in = TranslationBenchmark.class.getResourceAsStream("/fixtures/usef/FlexRequest.xml")) {
            xml = in.readAllBytes();
        }
        jsonLd = mapper.toJsonLd(xml);
    }

    @Benchmark
    public byte[] floor() throws IOException {
        return jsonMapper.writeValueAsBytes(xmlMapper.readTree(xml));
    }

    @Benchmark
    public byte[] xmlToJsonLd() {
        return mapper.toJsonLd(xml);
    }

    @Benchmark
    public byte[] jsonLdToXml() {
        return mapper.toUftpXml(jsonLd);
    }

    @Benchmark
    public byte[] roundTrip() {
        return mapper.toUftpXml(mapper.toJsonLd(xml));
    }
}
