package alipaymcp.alipay;

import alipaymcp.alipay.KeyReader.KeyException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The certificate files of certificate mode (公钥证书模式, cert-and-aes.md Part A), read with the JDK only. PEM
 * blocks are split by hand: the real root bundle holds an SM2 root that the JDK's parser refuses.
 */
public final class Certificates {
    /** 1.2.840.113549.1.1, PKCS#1: its signature algorithms (sha1/sha256/...WithRSA, PSS) sign the roots counted. */
    private static final byte[] PKCS1_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01};
    /** Far above any certificate file Alipay issues (the root bundle is about 4 KB). */
    public static final int MAX_CHARS = 256 * 1024;
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private Certificates() {
    }

    /**
     * The roots of {@code alipayRootCert.crt}: the RSA-signed ones in file order make {@code alipay_root_cert_sn};
     * every one the JDK can parse (RSA and ECDSA; not SM2) is a trust anchor of a download.
     */
    public record Roots(List<X509Certificate> rsaRoots, List<X509Certificate> anchors) {
        public Roots {
            rsaRoots = List.copyOf(rsaRoots);
            anchors = List.copyOf(anchors);
        }

        public String sn() {
            return String.join("_", rsaRoots.stream().map(Certificates::sn).toList());
        }
    }

    /** In file order: the first is the one the file is about. */
    public static List<X509Certificate> read(String text) throws KeyException {
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : pemBlocks(text)) {
            out.add(parse(der));
        }
        return out;
    }

    /**
     * The root bundle: a non-RSA block is recognised by its signature OID, never counted, and kept as a trust
     * anchor only when the JDK can parse it (not SM2).
     */
    public static Roots readRoots(String text) throws KeyException {
        List<X509Certificate> rsa = new ArrayList<>();
        List<X509Certificate> anchors = new ArrayList<>();
        for (byte[] der : pemBlocks(text)) {
            if (rsaSigned(der)) {
                X509Certificate root = parse(der); // an RSA root the JDK cannot read: the bundle is corrupt
                rsa.add(root);
                anchors.add(root);
            } else {
                try {
                    anchors.add(parse(der));
                } catch (KeyException e) {
                    // SM2 (Unknown named curve): not an anchor the JDK can use, and not counted in the SN
                }
            }
        }
        if (rsa.isEmpty()) {
            throw new KeyException("holds no RSA root certificate, so alipay_root_cert_sn would be empty; use the"
                    + " alipayRootCert.crt downloaded with your app's certificates");
        }
        return new Roots(rsa, anchors);
    }

    /**
     * The SN Alipay knows a certificate by: lower-case hex (32 digits, leading zeros kept) of the MD5 of the
     * issuer's RFC 2253 name as the JDK writes it plus the decimal serial, in UTF-8.
     */
    public static String sn(X509Certificate certificate) {
        String text = certificate.getIssuerX500Principal().getName() + certificate.getSerialNumber();
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /**
     * PKIX at {@code at}, leaf first (a trailing self-issued certificate is left to the anchors), revocation off:
     * Alipay's certificates name CRL and OCSP URLs, which the official SDK never consults either.
     */
    public static void validate(List<X509Certificate> chain, List<X509Certificate> anchors, Instant at)
            throws GeneralSecurityException {
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && path.get(path.size() - 1).getSubjectX500Principal()
                .equals(path.get(path.size() - 1).getIssuerX500Principal())) {
            path.remove(path.size() - 1);
        }
        PKIXParameters parameters = new PKIXParameters(
                anchors.stream().map(anchor -> new TrustAnchor(anchor, null)).collect(Collectors.toSet()));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    /** The DER of each PEM certificate block in file order; any whitespace around them is fine. */
    static List<byte[]> pemBlocks(String text) throws KeyException {
        if (text.length() > MAX_CHARS) {
            throw new KeyException("is " + text.length() + " characters long, more than any certificate file ("
                    + MAX_CHARS + " at most)");
        }
        List<byte[]> blocks = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, at);
            if (begin < 0) {
                break;
            }
            int end = text.indexOf(END, begin);
            if (end < 0) {
                throw new KeyException("has a certificate block (number " + (blocks.size() + 1) + ") without "
                        + END + "; download the file again");
            }
            String base64 = text.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
            try {
                blocks.add(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw new KeyException("has a certificate block (number " + (blocks.size() + 1)
                        + ") that is not valid base64; download the file again");
            }
            at = end + END.length();
        }
        if (blocks.isEmpty()) {
            throw new KeyException("is not a certificate file (no " + BEGIN + " block); use the .crt file the"
                    + " Alipay open platform gave you");
        }
        return blocks;
    }

    /** Whether the outer signatureAlgorithm (SEQUENCE { tbsCertificate, SEQUENCE { OID, ... }, ... }) is PKCS#1. */
    static boolean rsaSigned(byte[] der) throws KeyException {
        KeyReader d = new KeyReader(der, "a certificate block is not an X.509 certificate");
        int end = d.enter(KeyReader.SEQUENCE, der.length);
        d.skipTo(d.enter(KeyReader.SEQUENCE, end));
        int algorithmEnd = d.enter(KeyReader.SEQUENCE, end);
        return d.oidUnder(PKCS1_OID, algorithmEnd);
    }

    private static X509Certificate parse(byte[] der) throws KeyException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new KeyException("holds a block the JDK cannot read as an X.509 certificate ("
                    + e.getClass().getSimpleName() + "); download the file again");
        }
    }
}
