package alipaymcp.simulator;

import alipaymcp.alipay.Certificates;
import alipaymcp.alipay.KeyReader;
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
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * Certificate mode's throw-away PKI, made fresh at every start in Alipay's layout: a root bundle whose first
 * root is not RSA (ECDSA, standing in for the real SM2 root) followed by an RSA root; a Class 1 intermediate
 * that issues the app certificate (for the app key) and a Class 2 intermediate that issues the Alipay
 * certificate (for the platform key). {@link #rotate} issues the next Alipay certificate under the same
 * intermediate, or, forged, under an intermediate of the same name that no root vouches for. Every
 * certificate ever issued can be downloaded by its SN. The certificates are X.509 v3 written here with the JDK
 * alone: the DER of a TBSCertificate (version, serial, algorithm, names, validity, key, basicConstraints and
 * keyUsage), signed with SHA256withRSA or SHA256withECDSA; enough for the JDK's PKIX validator, nothing more.
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

    /** One issued certificate and the key pair whose public half it certifies. */
    private record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private final String appId;
    private final Issued class2;
    private final X509Certificate appCert;
    private final Certificates.Roots roots;
    private final Map<String, String> chains = new ConcurrentHashMap<>(); // SN -> PEM of leaf + intermediate
    private final String localChain; // the first Alipay certificate: AP_ALIPAY_CERT_PATH
    private volatile Signer current;
    private int rotations; // guarded by this

    private SimulatorPki(String appId, Issued class2, X509Certificate appCert, Certificates.Roots roots,
            Issued firstAlipayCert) {
        this.appId = appId;
        this.class2 = class2;
        this.appCert = appCert;
        this.roots = roots;
        install(firstAlipayCert, class2);
        this.localChain = chains.get(current.certSn());
    }

    /** A new PKI for the app key and the platform key (the first Alipay certificate's key). */
    static SimulatorPki create(String appId, KeyPair app, KeyPair platform) {
        Issued ecRoot = issue("CN=Simulator Test Root E0 - not RSA - stands in for the SM2 root"
                + ",O=Simulator Test CA,C=CN", SimulatorKeys.newPair("EC", new ECGenParameterSpec("secp256r1")),
                null, true);
        Issued rsaRoot = issue("CN=Simulator Test Certification Authority R1" + CA, SimulatorKeys.newPair(), null,
                true);
        Issued class1 = issue("CN=Simulator Test Certification Authority Class 1 R1" + CA, SimulatorKeys.newPair(),
                rsaRoot, true);
        Issued class2 = issue("CN=Simulator Test Certification Authority Class 2 R1" + CA, SimulatorKeys.newPair(),
                rsaRoot, true);
        Issued appCert = issue("CN=2088000000000000-" + appId + ",OU=Alipay,O=Simulator Merchant,C=CN", app, class1,
                false);
        Certificates.Roots roots = new Certificates.Roots(List.of(rsaRoot.certificate()),
                List.of(ecRoot.certificate(), rsaRoot.certificate()));
        return new SimulatorPki(appId, class2, appCert.certificate(), roots, issue(alipaySubject(0), platform, class2,
                false));
    }

    Signer current() {
        return current;
    }

    /** PEM of the leaf and its intermediate, or null for an SN this PKI never issued. */
    String chain(String sn) {
        return chains.get(sn);
    }

    String appCertSn() {
        return Certificates.sn(appCert);
    }

    String rootCertSn() {
        return roots.sn();
    }

    /**
     * Answers are signed from now on with a new key whose certificate has a new SN; clients learn of it only
     * through alipay_cert_sn. {@code forged}: its issuer has the Class 2 name but is not under any root.
     *
     * @return the new alipay_cert_sn
     */
    synchronized String rotate(boolean forged) {
        rotations++;
        Issued issuer = forged ? issue(class2.certificate().getSubjectX500Principal().getName(),
                SimulatorKeys.newPair(), null, true) : class2;
        install(issue(alipaySubject(rotations), SimulatorKeys.newPair(), issuer, false), issuer);
        return current.certSn();
    }

    /** Writes the three files a certificate-mode merchant downloads (public material only; rewritten each start). */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(appCertFile(dir), pem(List.of(appCert)), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ALIPAY_CERT), localChain, StandardCharsets.UTF_8);
        StringBuilder bundle = new StringBuilder(); // like the real bundle: blank lines between the blocks
        for (X509Certificate root : roots.anchors()) {
            bundle.append(bundle.length() == 0 ? "" : "\n").append(pem(List.of(root)));
        }
        Files.writeString(dir.resolve(ROOT_CERT), bundle.toString(), StandardCharsets.UTF_8);
    }

    Path appCertFile(Path dir) {
        return dir.resolve(String.format(APP_CERT, appId));
    }

    private void install(Issued leaf, Issued issuer) {
        String sn = Certificates.sn(leaf.certificate());
        chains.put(sn, pem(List.of(leaf.certificate(), issuer.certificate())));
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
        byte[] algorithm = ec ? KeyReader.tlv(0x30, KeyReader.tlv(0x06, ECDSA_WITH_SHA256))
                : KeyReader.tlv(0x30, KeyReader.tlv(0x06, SHA256_WITH_RSA), new byte[] {0x05, 0x00});
        byte[] extensions = KeyReader.tlv(0xA3, KeyReader.tlv(0x30,
                extension(BASIC_CONSTRAINTS, ca ? KeyReader.tlv(0x30, new byte[] {0x01, 0x01, (byte) 0xFF}) : KeyReader.tlv(0x30)),
                extension(KEY_USAGE, ca ? new byte[] {0x03, 0x02, 0x01, 0x06} : new byte[] {0x03, 0x02, 0x07,
                        (byte) 0x80})));
        byte[] tbs = KeyReader.tlv(0x30,
                new byte[] {(byte) 0xA0, 0x03, 0x02, 0x01, 0x02}, // [0] version v3
                KeyReader.tlv(0x02, serial().toByteArray()),
                algorithm,
                issuerName.getEncoded(),
                KeyReader.tlv(0x30, time(from), time(from.plus(VALIDITY))),
                name.getEncoded(),
                subjectKeys.getPublic().getEncoded(),
                extensions);
        try {
            Signature signer = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1]; // a leading 0: no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = KeyReader.tlv(0x30, tbs, algorithm, KeyReader.tlv(0x03, bits));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Issued(cert, subjectKeys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused to make a test certificate", e);
        }
    }

    /** PEM text of the certificates, one block after the other, 64-column Base64, each ending in a line break. */
    private static String pem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate cert : certificates) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(cert.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    private static byte[] extension(byte[] oid, byte[] value) {
        return KeyReader.tlv(0x30, KeyReader.tlv(0x06, oid), new byte[] {0x01, 0x01, (byte) 0xFF}, KeyReader.tlv(0x04, value)); // critical
    }

    /** A positive 128-bit serial, like Alipay's. */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(120);
    }

    private static byte[] time(Instant at) {
        return KeyReader.tlv(0x17, UTC_TIME.format(at).getBytes(StandardCharsets.US_ASCII)); // UTCTime: years up to 2049
    }
}
