package alipaymcp.alipay;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads keys as people paste them, then walks the few DER structures RSA keys use, every length checked against its
 * enclosing element: a malformed key fails with the byte offset where it went wrong, never from deep inside the JDK,
 * and never with key material in the message. The JDK's key object is made on a key's first use: KeyFactory at start
 * would cost a cold start 24 ms on JDK 17 and 40 ms on JDK 25 (issue 15: both keys parsed before a stdio reply,
 * against the same program without, 25 interleaved starts each).
 */
public final class KeyReader {
    /** A key that cannot be used: its message names the problem and how to fix it, never any key material. */
    public static final class KeyException extends Exception {
        private static final long serialVersionUID = 1L;

        public KeyException(String message) {
            super(message);
        }
    }

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** DER of the AlgorithmIdentifier {rsaEncryption 1.2.840.113549.1.1.1, NULL}; the OID's content is 4..13. */
    static final byte[] RSA_ALGORITHM = {
        0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};

    /** Far above any RSA key's text (an 8192-bit PKCS#8 key is about 6.5 KB of base64). */
    static final int MAX_CHARS = 32 * 1024;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    /**
     * The DER bytes of PEM with any label (even flattened to one line) or bare base64, with any whitespace, literal
     * "\n" escapes and upstream's missing '=' padding; refuses an APPID, a certificate, an encrypted key.
     */
    private static byte[] der(String text) throws KeyException {
        if (text == null || text.isBlank()) {
            throw new KeyException("is empty; paste the key as PEM or as bare base64");
        }
        if (text.length() > MAX_CHARS) {
            throw new KeyException("is " + text.length() + " characters long, more than any RSA key ("
                    + MAX_CHARS + " at most); paste only the key");
        }
        StringBuilder base64 = new StringBuilder();
        int digits = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("-----", i)) {
                i = skipPemLabel(text, i);
            } else if (text.startsWith("\\n", i) || text.startsWith("\\r", i)) {
                i += 2; // a line break escaped by a JSON or .env file
            } else if (BASE64.indexOf(c) >= 0) {
                base64.append(c);
                digits += c >= '0' && c <= '9' ? 1 : 0;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                throw new KeyException(StrayCharacter.describe(text, i));
            }
        }
        if (base64.length() == 0) {
            throw new KeyException("holds no base64 data between its PEM lines");
        }
        if (digits == base64.length() && digits <= 32) {
            throw new KeyException("is " + digits + " digits, which looks like an APPID, not a key; put the APPID in"
                    + " AP_APP_ID and paste the key here");
        }
        if (base64.length() % 4 == 1) {
            throw new KeyException("ends in the middle of a base64 group: it looks truncated; paste the whole key,"
                    + " from its first to its last character");
        }
        base64.append("==", 0, (4 - base64.length() % 4) % 4); // upstream pads by length: unpadded keys are in use
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new KeyException("is not valid base64 (a character outside A-Z a-z 0-9 + / =, or a truncated"
                    + " key); paste the key exactly as issued");
        }
    }

    /** Skips "-----BEGIN ...-----" or "-----END ...-----" and refuses forms we cannot use. */
    private static int skipPemLabel(String text, int start) throws KeyException {
        int close = text.indexOf("-----", start + 5);
        if (close < 0) {
            throw new KeyException("has a PEM line starting with ----- that never closes; paste the whole PEM block");
        }
        String label = text.substring(start + 5, close);
        if (label.contains("ENCRYPTED")) {
            throw new KeyException("is an encrypted (password-protected) key; export it unencrypted");
        }
        if (label.contains("CERTIFICATE")) {
            throw new KeyException("is a certificate, not a key: in certificate mode (公钥证书模式) the three .crt files"
                    + " go in AP_APP_CERT_PATH, AP_ALIPAY_CERT_PATH and AP_ALIPAY_ROOT_CERT_PATH, and AP_PUB_KEY stays"
                    + " unset");
        }
        return close + 5;
    }

    private final byte[] der;
    private final String problem;
    private int pos;

    /** {@code problem} starts every failure message, e.g. "not an RSA private key in PKCS#8 or PKCS#1 form". */
    KeyReader(byte[] der, String problem) {
        this.der = der;
        this.problem = problem;
    }

    /**
     * A reader inside the outer SEQUENCE of the key in {@code text}, which must span all of its DER: a header that
     * announces more bytes than follow means the paste was cut short, worth saying plainly.
     */
    static KeyReader key(String text, String problem) throws KeyException {
        byte[] der = der(text);
        if (der.length < 2 || der[0] != SEQUENCE) {
            throw new KeyException("does not look like a key: an RSA key is a DER SEQUENCE, whose base64 text starts"
                    + " with MII; paste the key itself");
        }
        if (der.length < 2 + ((der[1] & 0x80) == 0 ? 0 : der[1] & 0x7F)) {
            throw new KeyException("is truncated: it ends inside its own length header; paste the whole key, from"
                    + " its first to its last character");
        }
        KeyReader d = new KeyReader(der, problem);
        d.pos = 1;
        int length = d.readLength();
        int present = der.length - d.pos;
        if (length > present) {
            throw new KeyException("is truncated: it announces " + length + " bytes of key data but only " + present
                    + " are there; paste the whole key, from its first to its last character");
        }
        if (length < present) {
            throw new KeyException(problem + " (unexpected data after the key at byte " + (d.pos + length) + ")");
        }
        return d;
    }

    /** The whole DER, which {@link #key} checked ends exactly where the outer SEQUENCE does. */
    byte[] bytes() {
        return der;
    }

    int pos() {
        return pos;
    }

    /** The tag at the current position, or -1 at the end of the data. */
    int peekTag() {
        return pos < der.length ? der[pos] & 0xFF : -1;
    }

    /** Reads a tag and length; returns the end offset of the content and leaves pos at its start. */
    int enter(int tag, int limit) throws KeyException {
        if (peekTag() != tag) {
            throw fail();
        }
        pos++;
        int length = readLength();
        if (length > limit - pos) {
            throw fail();
        }
        return pos + length;
    }

    private int readLength() throws KeyException {
        if (pos >= der.length) {
            throw fail();
        }
        int first = der[pos++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7F;
        if (count == 0 || count > 3 || count > der.length - pos) {
            throw fail(); // indefinite or over 16 MB: no key looks like that
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[pos++] & 0xFF);
        }
        return length;
    }

    /** The public half's numbers, which both key types read: equal ones mean one key pair. */
    record PublicPart(BigInteger modulus, BigInteger publicExponent) {
        /**
         * Not the record's equals: this runs at start, where that would bootstrap ObjectMethods (issue 15: the
         * initialize reply 34 ms later, medians of 20 interleaved starts; StartupPathTest pins it).
         */
        boolean sameAs(PublicPart other) {
            return modulus.equals(other.modulus) && publicExponent.equals(other.publicExponent);
        }
    }

    PublicPart publicPart(int limit) throws KeyException {
        return new PublicPart(positiveInteger(limit), positiveInteger(limit));
    }

    BigInteger positiveInteger(int limit) throws KeyException {
        int start = pos;
        int end = enter(INTEGER, limit);
        if (end == pos || (der[pos] & 0x80) != 0) { // empty, or the two's complement sign bit is set
            throw failAt(start);
        }
        BigInteger value = new BigInteger(der, pos, end - pos);
        pos = end;
        return value;
    }

    /** The rsaEncryption AlgorithmIdentifier, with NULL or absent parameters. */
    void rsaAlgorithm(int limit) throws KeyException {
        int end = enter(SEQUENCE, limit);
        int oidStart = pos;
        int oidEnd = enter(OID, end);
        if (!Arrays.equals(der, pos, oidEnd, RSA_ALGORITHM, 4, 13)) {
            throw new KeyException(problem + " (its algorithm at byte " + oidStart + " is not rsaEncryption:"
                    + " only RSA keys are supported)");
        }
        pos = oidEnd;
        if (pos < end) {
            expectAt(enter(NULL, end)); // a NULL has no content
        }
        expectAt(end);
    }

    /** Whether the OBJECT IDENTIFIER at pos, inside {@code limit}, has arcs below {@code prefix} (its encoding). */
    boolean oidUnder(byte[] prefix, int limit) throws KeyException {
        int start = pos;
        int end = enter(OID, limit);
        if (end == pos || (der[end - 1] & 0x80) != 0) { // empty, or its last subidentifier never ends
            throw failAt(start);
        }
        boolean under = end - pos > prefix.length
                && Arrays.equals(der, pos, pos + prefix.length, prefix, 0, prefix.length);
        pos = end;
        return under;
    }

    void skipTo(int offset) {
        pos = offset;
    }

    void expectAt(int offset) throws KeyException {
        if (pos != offset) {
            throw fail();
        }
    }

    KeyException fail() {
        return failAt(pos);
    }

    KeyException failAt(int offset) {
        return new KeyException(problem + " (DER parse failed at byte " + offset + ")");
    }

    /** The JDK's RSA key for checked DER (PKCS#8 or X.509 SubjectPublicKeyInfo); a refusal says {@code fix}. */
    static <K extends Key> K jcaKey(Class<K> type, byte[] der, String fix) throws KeyException {
        boolean isPrivate = type == PrivateKey.class;
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (isPrivate) {
                return type.cast(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)));
            }
            return type.cast(rsa.generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            throw new KeyException("the JDK refused the RSA " + (isPrivate ? "private" : "public") + " key ("
                    + e.getClass().getSimpleName() + "); " + fix);
        }
    }

    /** DER of one element: tag, definite length, content (PKCS#1 wrapping, the simulator's certificates). */
    public static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int count = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | count);
            for (int shift = 8 * (count - 1); shift >= 0; shift -= 8) {
                out.write(length >> shift); // write() keeps the low 8 bits
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
