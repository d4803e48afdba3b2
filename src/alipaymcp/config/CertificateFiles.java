package alipaymcp.config;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.CertificateMode;
import alipaymcp.alipay.Certificates;
import alipaymcp.alipay.KeyReader.KeyException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The three files of certificate mode (公钥证书模式), all three or none. A certificate that has expired or expires
 * within {@link #EXPIRY_WARNING} is only a warning (the gateway decides; the official SDK checks nothing locally).
 */
final class CertificateFiles {
    static final String APP_CERT = "AP_APP_CERT_PATH";
    static final String ALIPAY_CERT = "AP_ALIPAY_CERT_PATH";
    static final String ROOT_CERT = "AP_ALIPAY_ROOT_CERT_PATH";
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private CertificateFiles() {
    }

    /** {@code paths}: APP_CERT, ALIPAY_CERT, ROOT_CERT, at least one set; {@code appKey} is null when wrong. */
    static CertificateMode load(String[] paths, AppPrivateKey appKey, Clock clock, List<String> warnings)
            throws ConfigException {
        String[] names = {APP_CERT, ALIPAY_CERT, ROOT_CERT};
        for (int i = 0; i < names.length; i++) {
            if (paths[i] == null) {
                throw new ConfigException(names[i] + " is not set: certificate mode needs all three of " + APP_CERT
                        + " (appCertPublicKey_<APPID>.crt), " + ALIPAY_CERT + " (alipayCertPublicKey_RSA2.crt) and "
                        + ROOT_CERT + " (alipayRootCert.crt); set none of them for public-key mode (AP_PUB_KEY).");
            }
        }
        X509Certificate app = certificates(APP_CERT, paths[0]).get(0);
        if (appKey != null && !holdsPublicHalf(app, appKey)) {
            throw new ConfigException(APP_CERT + " is not the certificate of AP_APP_KEY (its public key is not the"
                    + " public half of AP_APP_KEY): use the appCertPublicKey_<APPID>.crt issued for this key.");
        }
        List<X509Certificate> alipay = certificates(ALIPAY_CERT, paths[1]);
        X509Certificate leaf = alipay.get(0);
        String notAlipay = holdsPublicHalf(leaf, appKey) ? "your app certificate" : leaf.getBasicConstraints() >= 0
                ? "a CA certificate" : leaf.getPublicKey() instanceof RSAPublicKey ? null : "not an RSA certificate";
        if (notAlipay != null) {
            throw new ConfigException(ALIPAY_CERT + "'s first certificate is not the Alipay certificate (it is "
                    + notAlipay + "): use alipayCertPublicKey_RSA2.crt exactly as downloaded.");
        }
        Certificates.Roots roots = roots(paths[2]);
        Instant now = clock.instant();
        warnIfExpiring(APP_CERT, app, now, warnings);
        for (X509Certificate cert : alipay) {
            warnIfExpiring(ALIPAY_CERT, cert, now, warnings);
        }
        warnIfNotChained(alipay, roots, now, warnings);
        return new CertificateMode(app, leaf, roots, clock);
    }

    /** The key of AP_ALIPAY_CERT_PATH's first certificate alone: what verify-notify needs. */
    static PublicKey alipayKey(String path) throws ConfigException {
        return certificates(ALIPAY_CERT, path).get(0).getPublicKey();
    }

    /** The Alipay certificate's key in the form AP_PUB_KEY takes (an X.509 SubjectPublicKeyInfo). */
    static AlipayPublicKey asAlipayKey(PublicKey key) throws ConfigException {
        try {
            return AlipayPublicKey.parse(Base64.getEncoder().encodeToString(key.getEncoded()));
        } catch (KeyException e) {
            throw new ConfigException(ALIPAY_CERT + ": its certificate's key " + e.getMessage());
        }
    }

    /** Whether the certificate holds the public half of {@code appKey} (unknown, null: false). */
    private static boolean holdsPublicHalf(X509Certificate cert, AppPrivateKey appKey) {
        try {
            return appKey != null && asAlipayKey(cert.getPublicKey()).isPublicHalfOf(appKey);
        } catch (ConfigException e) { // not an RSA key
            return false;
        }
    }

    private static List<X509Certificate> certificates(String name, String path) throws ConfigException {
        try {
            return Certificates.read(read(name, path));
        } catch (KeyException e) {
            throw new ConfigException(name + " (" + path + ") " + e.getMessage() + ".");
        }
    }

    private static Certificates.Roots roots(String path) throws ConfigException {
        try {
            return Certificates.readRoots(read(ROOT_CERT, path));
        } catch (KeyException e) {
            throw new ConfigException(ROOT_CERT + " (" + path + ") " + e.getMessage() + ".");
        }
    }

    private static String read(String name, String path) throws ConfigException {
        try {
            Path file = Path.of(path);
            if (Files.isRegularFile(file) && Files.size(file) > Certificates.MAX_CHARS) {
                throw new ConfigException(name + " (" + path + ") is larger than any certificate file ("
                        + Certificates.MAX_CHARS + " bytes at most); point it at the .crt file.");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + " names no file (" + path + "): set it to the path of the .crt file"
                    + " downloaded from the Alipay open platform.");
        } catch (CharacterCodingException e) {
            throw new ConfigException(name + " (" + path + ") is not a PEM certificate file (not text): use the"
                    + " .crt file downloaded from the Alipay open platform.");
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(name + " (" + path + ") cannot be read (" + e.getClass().getSimpleName()
                    + "): check the path and its permissions.");
        }
    }

    /** The certificate is used as it is, but one that does not chain to the root file means files mixed up. */
    private static void warnIfNotChained(List<X509Certificate> alipay, Certificates.Roots roots, Instant now,
            List<String> warnings) {
        try {
            Certificates.validate(alipay, roots.anchors(), now);
        } catch (CertPathValidatorException e) {
            if (e.getReason() != BasicReason.EXPIRED && e.getReason() != BasicReason.NOT_YET_VALID) {
                warnings.add(ALIPAY_CERT + " does not chain to a root of " + ROOT_CERT + " (" + e.getReason()
                        + "): check that both files were downloaded for this app and environment (sandbox or"
                        + " production).");
            }
        } catch (GeneralSecurityException e) {
            warnings.add(ALIPAY_CERT + " could not be checked against " + ROOT_CERT + " ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private static void warnIfExpiring(String name, X509Certificate cert, Instant now, List<String> warnings) {
        Instant notAfter = cert.getNotAfter().toInstant();
        String subject = cert.getSubjectX500Principal().getName();
        if (notAfter.isBefore(now)) {
            warnings.add(name + ": the certificate " + subject + " expired on " + notAfter + "; download the current"
                    + " files from the Alipay open platform (the gateway may refuse expired certificates).");
        } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            warnings.add(name + ": the certificate " + subject + " expires on " + notAfter + ", within "
                    + EXPIRY_WARNING.toDays() + " days; renew it on the Alipay open platform and download the new"
                    + " files.");
        }
    }
}
