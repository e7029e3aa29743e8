package io.flexhub.usef.crypto;

import com.goterl.lazysodium.LazySodiumJava;
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
 * CS1 seal/open of a 6 KB payload: ours (JDK Ed25519), a variant looking the Signature up per call (why Cs1
 * keeps one per thread), and libsodium through LazySodium for scale. Not run by surefire; run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main Cs1Benchmark}.
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

    @Setup
    public void setUp() {
        payload = Payloads6k.flexRequest();
        keys = Cs1KeyPair.generate();
        sealed = Cs1.seal(payload, keys.privateKey());
        sodium = new LazySodiumBase64Pool().claim();
        sodiumSecretKey = java.util.Base64.getDecoder().decode(keys.privateKey().exportLibsodiumBase64());
        sodiumPublicKey = keys.publicKey().signingKey();
        opened = new byte[payload.length];
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
    public boolean openWithSignatureLookupPerCall() throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
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
