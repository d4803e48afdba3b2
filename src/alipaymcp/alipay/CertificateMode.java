package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate-mode identity of one app: the two SNs every request carries, and the Alipay certificates answers
 * are verified with, by {@code alipay_cert_sn}. After a rotation, an unknown SN's certificate is downloaded once and
 * kept only if it validates against AP_ALIPAY_ROOT_CERT_PATH now; else an answer {@link #RETRY_AFTER} later retries.
 */
public final class CertificateMode {
    /** Sends {@code alipay.open.app.alipaycert.download} for an SN; returns the answer's body. */
    interface Download {
        String fetch(String alipayCertSn, String forMethod) throws AlipayException;
    }

    private final String appCertSn;
    private final String rootCertSn;
    private final X509Certificate localAlipayCert;
    private final List<X509Certificate> anchors;
    private final Clock clock;
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final Map<String, X509Certificate> alipayCerts = new ConcurrentHashMap<>();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>(); // written under downloadLock
    private final Object downloadLock = new Object(); // one download at a time: a rotation is rare

    /** AP_APP_CERT_PATH, the Alipay leaf (the first certificate of AP_ALIPAY_CERT_PATH), AP_ALIPAY_ROOT_CERT_PATH. */
    public CertificateMode(X509Certificate appCert, X509Certificate alipayCert, Certificates.Roots roots, Clock clock) {
        this.appCertSn = Certificates.sn(appCert);
        this.rootCertSn = roots.sn();
        this.localAlipayCert = alipayCert;
        this.anchors = roots.anchors();
        this.clock = clock;
        alipayCerts.put(Certificates.sn(alipayCert), alipayCert);
    }

    public String appCertSn() {
        return appCertSn;
    }

    public String rootCertSn() {
        return rootCertSn;
    }

    /** AP_ALIPAY_CERT_PATH's. */
    public String alipayCertSn() {
        return Certificates.sn(localAlipayCert);
    }

    public String describe() {
        return "certificate mode (app_cert_sn " + appCertSn + ", alipay_cert_sn " + alipayCertSn()
                + ", alipay_root_cert_sn " + rootCertSn + ")";
    }

    /** The local Alipay certificate's key: notifications, and answers that carry no {@code alipay_cert_sn}. */
    public PublicKey localKey() {
        return localAlipayCert.getPublicKey();
    }

    /** Downloaded and validated first when {@code sn} is not known yet. */
    PublicKey keyFor(String sn, String method, Download download) throws AlipayException {
        X509Certificate known = alipayCerts.get(sn);
        if (known != null) {
            return known.getPublicKey();
        }
        synchronized (downloadLock) {
            known = alipayCerts.get(sn); // another call may have fetched it while this one waited
            if (known == null) {
                Instant failed = failedAt.get(sn);
                if (failed != null && clock.instant().isBefore(failed.plus(RETRY_AFTER))) {
                    throw untrusted(method, sn, "fetching or validating it failed less than "
                            + RETRY_AFTER.toSeconds() + " s ago, so it was not tried again yet");
                }
                try {
                    known = trusted(downloadedContent(download, sn, method), sn, method);
                } catch (AlipayException e) {
                    Instant now = clock.instant(); // a back-off, not a verdict: tried again after RETRY_AFTER
                    failedAt.values().removeIf(t -> !now.isBefore(t.plus(RETRY_AFTER))); // stays small
                    failedAt.put(sn, now);
                    throw e;
                }
                failedAt.remove(sn);
                alipayCerts.put(sn, known);
            }
            return known.getPublicKey();
        }
    }

    /** The leaf of a downloaded chain, only when its SN is the one asked for and it validates to a root now. */
    X509Certificate trusted(String content, String sn, String method) throws AlipayException {
        List<X509Certificate> chain;
        try {
            chain = Certificates.read(new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | KeyException e) {
            throw untrusted(method, sn, "the downloaded alipay_cert_content is not Base64 of a PEM certificate chain");
        }
        if (!Certificates.sn(chain.get(0)).equals(sn)) {
            throw untrusted(method, sn, "the downloaded certificate has another SN");
        }
        try {
            Certificates.validate(chain, anchors, clock.instant());
        } catch (CertPathValidatorException e) {
            throw untrusted(method, sn, "the downloaded certificate does not validate against"
                    + " AP_ALIPAY_ROOT_CERT_PATH (" + reason(e) + ")");
        } catch (GeneralSecurityException e) {
            throw untrusted(method, sn, "the downloaded certificate chain cannot be checked ("
                    + e.getClass().getSimpleName() + ")");
        }
        return chain.get(0);
    }

    /**
     * {@code alipay_cert_content} for {@code sn}. Its signature is not what makes it trusted (the official SDK does
     * not check it, and which key signs it is unconfirmed): {@link #trusted} validates the chain against the roots.
     */
    private static String downloadedContent(Download download, String sn, String forMethod) throws AlipayException {
        String body;
        try {
            body = download.fetch(sn, forMethod);
        } catch (AlipayException e) {
            throw untrusted(forMethod, sn, "downloading it failed: " + e.getMessage());
        }
        try {
            if (JsonParser.parse(body) instanceof JsonObject doc
                    && doc.get(AlipayResponse.rootOf(GatewayClient.CERT_DOWNLOAD)) instanceof JsonObject answer) {
                String code = answer.string("code").orElse("");
                if (!code.equals(AlipayResponse.SUCCESS)) {
                    throw untrusted(forMethod, sn, "the gateway refused to send it (unverified code "
                            + GatewayText.unverifiedCode(code) + ", sub_code "
                            + GatewayText.unverifiedCode(answer.string("sub_code").orElse(null)) + ")");
                }
                String content = answer.string("alipay_cert_content").orElse("");
                if (!content.isEmpty()) {
                    return content;
                }
            }
        } catch (JsonException e) {
            // reported below
        }
        throw untrusted(forMethod, sn, "the download answer holds no alipay_cert_content");
    }

    static AlipayException untrusted(String method, String sn, String why) {
        return new AlipayException(Kind.UNTRUSTED_CERTIFICATE, "The answer to " + method + " is signed with"
                + " Alipay certificate " + sn + ", which is not in AP_ALIPAY_CERT_PATH, and it could not be"
                + " trusted: " + why + ". The answer was not trusted" + AlipayException.unknownOutcome(method)
                + " If Alipay announced a new certificate, download alipayCertPublicKey_RSA2.crt and"
                + " alipayRootCert.crt again from the open platform.");
    }

    private static String reason(CertPathValidatorException e) {
        String why = e.getReason() == null ? "" : e.getReason().toString();
        return switch (why) {
            case "EXPIRED" -> "a certificate of the chain has expired";
            case "NOT_YET_VALID" -> "a certificate of the chain is not valid yet";
            case "NO_TRUST_ANCHOR" -> "it does not chain to any root in that file";
            case "INVALID_SIGNATURE" -> "a signature of the chain is invalid";
            default -> why.isEmpty() ? "invalid chain" : why.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
