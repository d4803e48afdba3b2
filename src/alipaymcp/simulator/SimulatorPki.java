package alipaymcp.simulator;

import alipaymcp.alipay.Certificates;
import alipaymcp.simulator.CertificateIssuer.Issued;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificate mode's throw-away PKI, made fresh at every start in Alipay's layout: a root bundle whose first
 * root is not RSA (ECDSA, standing in for the real SM2 root) followed by an RSA root; a Class 1 intermediate
 * that issues the app certificate (for the app key) and a Class 2 intermediate that issues the Alipay
 * certificate (for the platform key). {@link #rotate} issues the next Alipay certificate under the same
 * intermediate, or, forged, under an intermediate of the same name that no root vouches for. Every
 * certificate ever issued can be downloaded by its SN.
 */
final class SimulatorPki {
    static final String APP_CERT = "appCertPublicKey_%s.crt";
    static final String ALIPAY_CERT = "alipayCertPublicKey_RSA2.crt";
    static final String ROOT_CERT = "alipayRootCert.crt";
    private static final String CA = ",OU=Certification Authority,O=Simulator Test CA,C=CN";
    private static final Duration VALIDITY = Duration.ofDays(3 * 365);

    /** The key that signs answers now and the SN of its certificate (sent as alipay_cert_sn). */
    record Current(PrivateKey key, String certSn) {
    }

    private final String appId;
    private final Issued class2;
    private final X509Certificate appCert;
    private final Certificates.Roots roots;
    private final Map<String, String> chains = new ConcurrentHashMap<>(); // SN -> PEM of leaf + intermediate
    private final String localChain; // the first Alipay certificate: AP_ALIPAY_CERT_PATH
    private volatile Current current;
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
        Instant from = Instant.now().minus(Duration.ofDays(1));
        Instant to = from.plus(VALIDITY);
        Issued ecRoot = selfSigned("CN=Simulator Test Root E0 - not RSA - stands in for the SM2 root"
                + ",O=Simulator Test CA,C=CN", ecPair(), from, to);
        Issued rsaRoot = selfSigned("CN=Simulator Test Certification Authority R1" + CA, rsaPair(), from, to);
        Issued class1 = CertificateIssuer.issue("CN=Simulator Test Certification Authority Class 1 R1" + CA,
                rsaPair(), rsaRoot.subject(), rsaRoot.keys().getPrivate(), true, from, to);
        Issued class2 = CertificateIssuer.issue("CN=Simulator Test Certification Authority Class 2 R1" + CA,
                rsaPair(), rsaRoot.subject(), rsaRoot.keys().getPrivate(), true, from, to);
        Issued appCert = CertificateIssuer.issue("CN=2088000000000000-" + appId
                + ",OU=Alipay,O=Simulator Merchant,C=CN", app, class1.subject(), class1.keys().getPrivate(), false, from, to);
        Certificates.Roots roots = new Certificates.Roots(List.of(rsaRoot.certificate()),
                List.of(ecRoot.certificate(), rsaRoot.certificate()));
        Issued alipayCert = CertificateIssuer.issue(alipaySubject(0), platform, class2.subject(),
                class2.keys().getPrivate(), false, from, to);
        return new SimulatorPki(appId, class2, appCert.certificate(), roots, alipayCert);
    }

    Current current() {
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
        Instant from = Instant.now().minus(Duration.ofDays(1));
        Instant to = from.plus(VALIDITY);
        Issued issuer = forged ? selfSigned(class2.subject().getName(), rsaPair(), from, to) : class2;
        Issued leaf = CertificateIssuer.issue(alipaySubject(rotations), rsaPair(), issuer.subject(),
                issuer.keys().getPrivate(), false, from, to);
        install(leaf, issuer);
        return current.certSn();
    }

    /** Writes the three files a certificate-mode merchant downloads (public material only; rewritten each start). */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(appCertFile(dir), CertificateIssuer.pem(List.of(appCert)), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ALIPAY_CERT), localChain, StandardCharsets.UTF_8);
        List<X509Certificate> anchors = roots.anchors(); // like the real bundle: blank lines between the blocks
        StringBuilder bundle = new StringBuilder();
        for (X509Certificate root : anchors) {
            bundle.append(bundle.length() == 0 ? "" : "\n").append(CertificateIssuer.pem(List.of(root)));
        }
        Files.writeString(dir.resolve(ROOT_CERT), bundle.toString(), StandardCharsets.UTF_8);
    }

    Path appCertFile(Path dir) {
        return dir.resolve(String.format(APP_CERT, appId));
    }

    private void install(Issued leaf, Issued issuer) {
        String sn = Certificates.sn(leaf.certificate());
        chains.put(sn, CertificateIssuer.pem(List.of(leaf.certificate(), issuer.certificate())));
        current = new Current(leaf.keys().getPrivate(), sn);
    }

    private static String alipaySubject(int generation) {
        return "CN=Simulator Alipay (" + generation + ")-2088000000000000,OU=Alipay,O=Simulator Merchant,C=CN";
    }

    private static Issued selfSigned(String subject, KeyPair keys, Instant from, Instant to) {
        return CertificateIssuer.issue(subject, keys, null, keys.getPrivate(), true, from, to);
    }

    private static KeyPair rsaPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no RSA key generator", e);
        }
    }

    private static KeyPair ecPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no EC key generator", e);
        }
    }
}
