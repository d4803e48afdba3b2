import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory floor of a session's cryptography, for make bench: after one line it does what N queries cost
 * in RSA and nothing else (one SHA256withRSA signature and one verification each, on T threads, as the server
 * signs each request and verifies each response with T calls in flight), answers one line, then stays alive
 * until input ends so that its peak RSS can be read. No I/O, JSON or HTTP: whatever a Java server that does
 * this work adds to the JVM floor's RSS under the default JVM settings is at least this program's growth.
 * Usage: java -jar RsaWorkFloor.jar CALLS THREADS (the key in AP_APP_KEY, PKCS#8 base64).
 */
public final class RsaWorkFloor {
    private static final byte[] MESSAGE = ("alipay_sdk=mcp-server-alipay-java-1.0.0&app_id=9021000000000001"
            + "&biz_content={\"out_trade_no\":\"FLOOR1\"}&charset=utf-8&method=alipay.trade.query"
            + "&sign_type=RSA2&timestamp=2026-01-01 08:00:00&version=1.0").getBytes(StandardCharsets.UTF_8);

    private static final byte[] HEAD = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"verified\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "}}\n".getBytes(StandardCharsets.UTF_8);

    private RsaWorkFloor() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException, InterruptedException {
        int calls = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        if (in.readLine() == null) {
            return;
        }
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey privateKey = rsa.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(System.getenv("AP_APP_KEY"))));
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
        PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger verified = new AtomicInteger();
        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(privateKey, publicKey, calls, next, verified);
            workers[i].start();
        }
        for (Worker worker : workers) {
            worker.join();
            if (worker.failure != null) {
                throw worker.failure;
            }
        }
        if (verified.get() != calls) {
            throw new GeneralSecurityException("only " + verified.get() + " of " + calls + " signatures verified");
        }
        out.write(HEAD); // no string concatenation: its bootstrap would add to the floor
        out.write(Integer.toString(verified.get()).getBytes(StandardCharsets.UTF_8));
        out.write(TAIL);
        out.flush();
        while (in.readLine() != null) {
            // keep running until the benchmark has read our peak RSS and closes stdin
        }
    }

    /** Takes call numbers until all are taken; each is one signature and one verification. */
    static final class Worker extends Thread {
        private final PrivateKey privateKey;
        private final PublicKey publicKey;
        private final int calls;
        private final AtomicInteger next;
        private final AtomicInteger verified;
        volatile GeneralSecurityException failure;

        Worker(PrivateKey privateKey, PublicKey publicKey, int calls, AtomicInteger next, AtomicInteger verified) {
            this.privateKey = privateKey;
            this.publicKey = publicKey;
            this.calls = calls;
            this.next = next;
            this.verified = verified;
        }

        @Override
        public void run() {
            try {
                while (next.getAndIncrement() < calls) {
                    Signature signer = Signature.getInstance("SHA256withRSA");
                    signer.initSign(privateKey);
                    signer.update(MESSAGE);
                    byte[] signature = signer.sign();
                    Signature verifier = Signature.getInstance("SHA256withRSA");
                    verifier.initVerify(publicKey);
                    verifier.update(MESSAGE);
                    if (verifier.verify(signature)) {
                        verified.incrementAndGet();
                    }
                }
            } catch (GeneralSecurityException e) {
                failure = e;
            }
        }
    }
}
