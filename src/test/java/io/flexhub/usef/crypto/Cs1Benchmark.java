package io.flexhub.usef.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import io.flexhub.usef.CpuTime;
import io.flexhub.usef.Payloads6k;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.lfenergy.shapeshifter.core.service.crypto.LazySodiumBase64Pool;
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
 * CS1 seal/open of a 6 KB payload: ours (JDK Ed25519), a variant reusing one Signature (what a per-thread cache
 * would save), and libsodium through LazySodium for scale. Not run by surefire; run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main Cs1Benchmark}.
 * {@link #main} measures CPU time per operation instead ({@link CpuTime}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Cs1Benchmark {

    private byte[] payload;
    private Cs1KeyPair keys;
    private byte[] sealed;
    private LazySodiumJava sodium;
    private byte[] sodiumSecretKey;
    private byte[] sodiumPublicKey;
    private byte[] opened;
    private Signature reused;

    @Setup
    public void setUp() {
        payload = Payloads6k.flexRequest();
        keys = Cs1KeyPair.generate();
        sealed = Cs1.seal(payload, keys.privateKey());
        sodium = new LazySodiumBase64Pool().claim();
        sodiumSecretKey = java.util.Base64.getDecoder().decode(keys.privateKey().exportLibsodiumBase64());
        sodiumPublicKey = keys.publicKey().signingKey();
        opened = new byte[payload.length];
        try {
            reused = Signature.getInstance("Ed25519");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Cs1Benchmark b = new Cs1Benchmark();
        b.setUp();
        System.out.printf("payload %d bytes%n", b.payload.length);
        CpuTime.report("seal (JDK Ed25519)", b::seal);
        CpuTime.report("open (JDK Ed25519)", b::open);
        CpuTime.report("open, Signature reused", b::openReusingSignature);
        CpuTime.report("seal (libsodium)", b::sealLibsodium);
        CpuTime.report("open (libsodium)", b::openLibsodium);
    }

    @Benchmark
    public byte[] seal() {
        return Cs1.seal(payload, keys.privateKey());
    }

    @Benchmark
    public byte[] open() throws Cs1SignatureException {
        return Cs1.open(sealed, keys.publicKey());
    }

    @Benchmark
    public boolean openReusingSignature() throws Exception {
        Signature signature = reused;
        signature.initVerify(keys.publicKey().jdkKey());
        signature.update(sealed, Cs1.SIGNATURE_LENGTH, sealed.length - Cs1.SIGNATURE_LENGTH);
        return signature.verify(sealed, 0, Cs1.SIGNATURE_LENGTH);
    }

    @Benchmark
    public byte[] sealLibsodium() {
        byte[] out = new byte[Cs1.SIGNATURE_LENGTH + payload.length];
        sodium.cryptoSign(out, payload, payload.length, sodiumSecretKey);
        return out;
    }

    @Benchmark
    public boolean openLibsodium() {
        return sodium.cryptoSignOpen(opened, sealed, sealed.length, sodiumPublicKey);
    }
}
