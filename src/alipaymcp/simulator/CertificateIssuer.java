package alipaymcp.simulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Issues the simulator's throw-away X.509 v3 certificates with the JDK alone: the DER of a TBSCertificate is
 * written here (version, serial, algorithm, names, validity, key, basicConstraints and keyUsage) and signed
 * with SHA256withRSA or SHA256withECDSA. Enough for the JDK's PKIX validator; nothing more is modelled.
 */
final class CertificateIssuer {
    private static final byte[] SHA256_WITH_RSA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 1, 1, 0x0B};
    private static final byte[] ECDSA_WITH_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 4, 3, 2};
    private static final byte[] BASIC_CONSTRAINTS = {0x55, 0x1D, 0x13};
    private static final byte[] KEY_USAGE = {0x55, 0x1D, 0x0F};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** One issued certificate and the key pair whose public half it certifies. */
    record Issued(X509Certificate certificate, KeyPair keys) {
        X500Principal subject() {
            return certificate.getSubjectX500Principal();
        }
    }

    /**
     * A certificate for {@code subjectKeys}' public key, signed by {@code issuerKey} under {@code issuer}'s
     * name (the subject itself for a self-signed root), valid from {@code from} to {@code to}.
     */
    static Issued issue(String subject, KeyPair subjectKeys, X500Principal issuer, PrivateKey issuerKey,
            boolean ca, Instant from, Instant to) {
        X500Principal name = new X500Principal(subject);
        X500Principal issuerName = issuer == null ? name : issuer;
        boolean ec = issuerKey.getAlgorithm().equals("EC");
        byte[] algorithm = ec ? tlv(0x30, tlv(0x06, ECDSA_WITH_SHA256))
                : tlv(0x30, tlv(0x06, SHA256_WITH_RSA), new byte[] {0x05, 0x00});
        byte[] extensions = tlv(0xA3, tlv(0x30,
                extension(BASIC_CONSTRAINTS, ca ? tlv(0x30, new byte[] {0x01, 0x01, (byte) 0xFF}) : tlv(0x30)),
                extension(KEY_USAGE, ca ? new byte[] {0x03, 0x02, 0x01, 0x06} : new byte[] {0x03, 0x02, 0x07,
                        (byte) 0x80})));
        byte[] tbs = tlv(0x30,
                new byte[] {(byte) 0xA0, 0x03, 0x02, 0x01, 0x02}, // [0] version v3
                tlv(0x02, serial().toByteArray()),
                algorithm,
                issuerName.getEncoded(),
                tlv(0x30, time(from), time(to)),
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
            byte[] der = tlv(0x30, tbs, algorithm, tlv(0x03, bits));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Issued(cert, subjectKeys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused to make a test certificate", e);
        }
    }

    /** PEM text of the certificates, one block after the other, 64-column Base64, each ending in a line break. */
    static String pem(List<X509Certificate> certificates) {
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
        return tlv(0x30, tlv(0x06, oid), new byte[] {0x01, 0x01, (byte) 0xFF}, tlv(0x04, value)); // critical
    }

    /** A positive 128-bit serial, like Alipay's. */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(120);
    }

    private static byte[] time(Instant at) {
        return tlv(0x17, UTC_TIME.format(at).getBytes(StandardCharsets.US_ASCII)); // UTCTime: years up to 2049
    }

    /** DER of one element: tag, definite length, content. */
    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length >= 0x100) {
            out.write(0x82);
            out.write(length >> 8);
        } else if (length >= 0x80) {
            out.write(0x81);
        }
        out.write(length & 0xFF);
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
