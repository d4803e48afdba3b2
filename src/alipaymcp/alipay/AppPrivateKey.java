package alipaymcp.alipay;

import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.KeyReader.PublicPart;
import java.math.BigInteger;
import java.security.PrivateKey;

/**
 * The application private key (AP_APP_KEY), PKCS#8 or PKCS#1 told apart by the structure, not the base64 prefix.
 * {@link #parse} only walks the DER (no JCA provider loaded at start-up); the JCA key is built on first use.
 */
public final class AppPrivateKey {
    private static final String NOT_A_KEY = "not an RSA private key in PKCS#8 or PKCS#1 form";
    private static final byte[] VERSION_0 = {KeyReader.INTEGER, 0x01, 0x00};

    private final String form;
    final PublicPart numbers;
    private final byte[] pkcs8;
    private PrivateKey jcaKey; // guarded by this

    private AppPrivateKey(String form, PublicPart numbers, byte[] pkcs8) {
        this.form = form;
        this.numbers = numbers;
        this.pkcs8 = pkcs8;
    }

    public static AppPrivateKey parse(String text) throws KeyException {
        KeyReader d = KeyReader.key(text, NOT_A_KEY);
        byte[] der = d.bytes();
        int end = der.length;
        if (d.peekTag() == KeyReader.SEQUENCE) {
            throw new KeyException("is a public key (X.509 SubjectPublicKeyInfo), not a private key;"
                    + " paste the application private key (应用私钥)");
        }
        int versionAt = d.pos();
        BigInteger version = d.positiveInteger(end);
        if (d.peekTag() == KeyReader.SEQUENCE) {
            if (version.compareTo(BigInteger.ONE) > 0) {
                throw d.failAt(versionAt);
            }
            d.rsaAlgorithm(end);
            int octetsEnd = d.enter(KeyReader.OCTET_STRING, end);
            int rsaEnd = d.enter(KeyReader.SEQUENCE, octetsEnd);
            int innerVersionAt = d.pos();
            if (d.positiveInteger(rsaEnd).signum() != 0) {
                throw d.failAt(innerVersionAt);
            }
            PublicPart numbers = readRsaFields(d, rsaEnd);
            d.expectAt(octetsEnd);
            if (d.pos() < end && (d.peekTag() & 0xC0) == 0x80) {
                d.skipTo(end); // optional PKCS#8 attributes / public key: not needed
            }
            d.expectAt(end);
            return new AppPrivateKey("PKCS#8", numbers, der);
        }
        if (version.signum() != 0) {
            throw new KeyException(NOT_A_KEY + " (PKCS#1 version at byte " + versionAt
                    + " is not 0: multi-prime keys are not supported)");
        }
        PublicPart numbers = readRsaFields(d, end);
        byte[] pkcs8 = KeyReader.tlv(KeyReader.SEQUENCE, VERSION_0, KeyReader.RSA_ALGORITHM,
                KeyReader.tlv(KeyReader.OCTET_STRING, der));
        return new AppPrivateKey("PKCS#1", numbers, pkcs8);
    }

    /** After the version: n, e, d, p, q, dp, dq, qinv, and nothing else. Returns n and e. */
    private static PublicPart readRsaFields(KeyReader d, int end) throws KeyException {
        PublicPart numbers = d.publicPart(end);
        for (int i = 0; i < 6; i++) {
            d.positiveInteger(end);
        }
        d.expectAt(end);
        return numbers;
    }

    public int bits() {
        return numbers.modulus().bitLength();
    }

    /** Built on the first call (PKCS#1 was wrapped as PKCS#8), then cached. */
    public synchronized PrivateKey jcaKey() throws KeyException {
        if (jcaKey == null) {
            jcaKey = KeyReader.jcaKey(PrivateKey.class, pkcs8, "re-export the key from Alipay's key tool");
        }
        return jcaKey;
    }

    @Override
    public String toString() {
        return "RSA private key (" + form + ", " + bits() + " bits)";
    }
}
