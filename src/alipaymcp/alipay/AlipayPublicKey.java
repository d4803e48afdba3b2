package alipaymcp.alipay;

import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.KeyReader.PublicPart;
import java.security.PublicKey;

/** The Alipay public key (AP_PUB_KEY), X.509 SubjectPublicKeyInfo; parsed like {@link AppPrivateKey}. */
public final class AlipayPublicKey {
    private static final String NOT_A_KEY = "not an RSA public key in X.509 SubjectPublicKeyInfo form";

    private final PublicPart numbers;
    private final byte[] spki;
    private PublicKey jcaKey; // guarded by this

    private AlipayPublicKey(PublicPart numbers, byte[] spki) {
        this.numbers = numbers;
        this.spki = spki;
    }

    public static AlipayPublicKey parse(String text) throws KeyException {
        KeyReader d = KeyReader.key(text, NOT_A_KEY);
        byte[] der = d.bytes();
        int end = der.length;
        if (d.peekTag() == KeyReader.INTEGER) {
            throw new KeyException("is a private key or a bare PKCS#1 public key, not the X.509 public key;"
                    + " paste the Alipay public key (支付宝公钥), which starts with MIIBIj for 2048 bits");
        }
        d.rsaAlgorithm(end);
        int bitsEnd = d.enter(KeyReader.BIT_STRING, end);
        if (d.pos() >= bitsEnd || d.peekTag() != 0) {
            throw d.fail(); // the "unused bits" byte must be 0
        }
        d.skipTo(d.pos() + 1);
        int rsaEnd = d.enter(KeyReader.SEQUENCE, bitsEnd);
        PublicPart numbers = d.publicPart(rsaEnd);
        d.expectAt(rsaEnd);
        d.expectAt(bitsEnd);
        d.expectAt(end);
        return new AlipayPublicKey(numbers, der);
    }

    public int bits() {
        return numbers.modulus().bitLength();
    }

    public synchronized PublicKey jcaKey() throws KeyException {
        if (jcaKey == null) {
            jcaKey = KeyReader.jcaKey(PublicKey.class, spki,
                    "paste the Alipay public key exactly as the open platform shows it");
        }
        return jcaKey;
    }

    /** True when this is the public half of {@code key}: the app's own public key pasted by mistake. */
    public boolean isPublicHalfOf(AppPrivateKey key) {
        return numbers.sameAs(key.numbers);
    }

    @Override
    public String toString() {
        return "RSA public key (X.509, " + bits() + " bits)";
    }
}
