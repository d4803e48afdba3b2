package alipaymcp.simulator;

import static alipaymcp.alipay.KeyReader.tlv;

import alipaymcp.alipay.Certificates;
import alipaymcp.simulator.AnswerWriter.Signer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * Certificate mode's throw-away PKI, fresh at every start in Alipay's layout: a root bundle whose first root is
 * not RSA (ECDSA, standing in for the real SM2 root), then an RSA root; a Class 1 intermediate issues the app
 * certificate and a Class 2 one the Alipay certificate (the platform key). Every certificate issued can be
 * downloaded by its SN. They are X.509 v3 DER written with the JDK alone (basicConstraints and keyUsage only):
 * enough for the JDK's PKIX validator, nothing more.
 */
final class SimulatorPki {
    static final String APP_CERT = "appCertPublicKey_%s.crt";
    static final String ALIPAY_CERT = "alipayCertPublicKey_RSA2.crt";
    static final String ROOT_CERT = "alipayRootCert.crt";
    private static final String CA = ",OU=Certification Authority,O=Simulator Test CA,C=CN";
    private static final Duration VALIDITY = Duration.ofDays(3 * 365);
    private static final byte[] SHA256_WITH_RSA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 1, 1, 0x0B};
    private static final byte[] ECDSA_WITH_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 4, 3, 2};
    private static final byte[] BASIC_CONSTRAINTS = {0x55, 0x1D, 0x13};
    private static final byte[] KEY_USAGE = {0x55, 0x1D, 0x0F};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private final Issued class2;
    private final String appCertSn;
    private final String rootCertSn;
    private final Map<String, String> chains = new ConcurrentHashMap<>(); // SN -> PEM of leaf + intermediate
    private volatile Signer current;
    private int rotations; // guarded by this

    /**
     * A new PKI for the app key and the platform key (the first Alipay certificate's key); writes the three files
     * a certificate-mode merchant downloads to dir (public material only; rewritten at each start).
     */
    SimulatorPki(String appId, KeyPair app, KeyPair platform, Path dir) throws IOException {
        Issued ecRoot = issue("CN=Simulator Test Root E0 - not RSA - stands in for the SM2 root"
                + ",O=Simulator Test CA,C=CN", SimulatorKeys.newPair("EC", new ECGenParameterSpec("secp256r1")),
                null, true);
        Issued rsaRoot = issue("CN=Simulator Test Certification Authority R1" + CA, SimulatorKeys.newPair(), null,
                true);
        Issued class1 = issue("CN=Simulator Test Certification Authority Class 1 R1" + CA, SimulatorKeys.newPair(),
                rsaRoot, true);
        class2 = issue("CN=Simulator Test Certification Authority Class 2 R1" + CA, SimulatorKeys.newPair(), rsaRoot,
                true);
        X509Certificate appCert = issue("CN=2088000000000000-" + appId + ",OU=Alipay,O=Simulator Merchant,C=CN", app,
                class1, false).certificate();
        appCertSn = Certificates.sn(appCert);
        rootCertSn = Certificates.sn(rsaRoot.certificate()); // the bundle's one RSA root
        install(issue(alipaySubject(0), platform, class2, false), class2);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(APP_CERT.formatted(appId)), pem(appCert), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ALIPAY_CERT), chains.get(current.certSn()), StandardCharsets.UTF_8);
        // like the real bundle: the non-RSA root first, a blank line between the blocks
        Files.writeString(dir.resolve(ROOT_CERT), pem(ecRoot.certificate()) + "\n" + pem(rsaRoot.certificate()),
                StandardCharsets.UTF_8);
    }

    Signer current() {
        return current;
    }

    /** PEM of the leaf and its intermediate, or null for an SN this PKI never issued. */
    String chain(String sn) {
        return chains.get(sn);
    }

    String appCertSn() {
        return appCertSn;
    }

    String rootCertSn() {
        return rootCertSn;
    }

    /**
     * Answers are signed from now on with a new key whose certificate has a new SN, which clients learn only from
     * alipay_cert_sn; {@code forged}: its issuer has the Class 2 name but is under no root. Returns the new SN.
     */
    synchronized String rotate(boolean forged) {
        rotations++;
        Issued issuer = forged ? issue(class2.certificate().getSubjectX500Principal().getName(),
                SimulatorKeys.newPair(), null, true) : class2;
        install(issue(alipaySubject(rotations), SimulatorKeys.newPair(), issuer, false), issuer);
        return current.certSn();
    }

    private void install(Issued leaf, Issued issuer) {
        String sn = Certificates.sn(leaf.certificate());
        chains.put(sn, pem(leaf.certificate(), issuer.certificate()));
        current = new Signer(leaf.keys().getPrivate(), sn);
    }

    private static String alipaySubject(int generation) {
        return "CN=Simulator Alipay (" + generation + ")-2088000000000000,OU=Alipay,O=Simulator Merchant,C=CN";
    }

    /**
     * A certificate for {@code subjectKeys}' public key, signed by {@code issuer} (null: self-signed), valid
     * from yesterday for {@link #VALIDITY}.
     */
    private static Issued issue(String subject, KeyPair subjectKeys, Issued issuer, boolean ca) {
        X500Principal name = new X500Principal(subject);
        X500Principal issuerName = issuer == null ? name : issuer.certificate().getSubjectX500Principal();
        PrivateKey issuerKey = (issuer == null ? subjectKeys : issuer.keys()).getPrivate();
        Instant from = Instant.now().minus(Duration.ofDays(1));
        boolean ec = issuerKey.getAlgorithm().equals("EC");
        byte[] algorithm = ec ? tlv(0x30, tlv(0x06, ECDSA_WITH_SHA256))
                : tlv(0x30, tlv(0x06, SHA256_WITH_RSA), new byte[] {0x05, 0x00});
        byte[] extensions = tlv(0xA3, tlv(0x30,
                extension(BASIC_CONSTRAINTS, ca ? tlv(0x30, new byte[] {0x01, 0x01, (byte) 0xFF}) : tlv(0x30)),
                extension(KEY_USAGE, ca ? new byte[] {0x03, 0x02, 0x01, 0x06} : new byte[] {0x03, 0x02, 0x07,
                        (byte) 0x80})));
        byte[] tbs = tlv(0x30,
                new byte[] {(byte) 0xA0, 0x03, 0x02, 0x01, 0x02}, // [0] version v3
                tlv(0x02, new BigInteger(127, RANDOM).setBit(120).toByteArray()), // positive, 128 bits, like Alipay's
                algorithm,
                issuerName.getEncoded(),
                tlv(0x30, time(from), time(from.plus(VALIDITY))),
                name.getEncoded(),
                subjectKeys.getPublic().getEncoded(),
                extensions);
        try {
            Signature signer = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] der = tlv(0x30, tbs, algorithm, tlv(0x03, new byte[] {0}, signer.sign())); // 0: no unused bits
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Issued(cert, subjectKeys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused to make a test certificate", e);
        }
    }

    /** PEM blocks, one after the other, 64-column Base64, each ending in a line break. */
    private static String pem(X509Certificate... certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate cert : certificates) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n").append(Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(cert.getEncoded())).append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    private static byte[] extension(byte[] oid, byte[] value) {
        return tlv(0x30, tlv(0x06, oid), new byte[] {0x01, 0x01, (byte) 0xFF}, tlv(0x04, value)); // critical
    }

    private static byte[] time(Instant at) {
        return tlv(0x17, UTC_TIME.format(at).getBytes(StandardCharsets.US_ASCII)); // UTCTime: years up to 2049
    }
}
