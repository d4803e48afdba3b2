package alipaymcp.alipay;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * A minimal DER reader and writer for the few structures RSA keys use (SEQUENCE, INTEGER, NULL, OID,
 * OCTET STRING, BIT STRING). Every length is checked against its enclosing element, so a malformed key
 * fails with the offset where it went wrong, never with an exception from deep inside the JDK. The JDK's
 * key object is made here too, from DER already walked, on a key's first use (never at its parse).
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** DER of the AlgorithmIdentifier {rsaEncryption 1.2.840.113549.1.1.1, NULL}. */
    static final byte[] RSA_ALGORITHM = {
        0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] RSA_OID_CONTENT = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};

    private final byte[] der;
    private final String problem;
    private int pos;

    /** {@code problem} starts every failure message, e.g. "not an RSA private key in PKCS#8 or PKCS#1 form". */
    Der(byte[] der, String problem) {
        this.der = der;
        this.problem = problem;
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

    /** A positive INTEGER inside {@code limit}. */
    BigInteger positiveInteger(int limit) throws KeyException {
        int end = positiveIntegerEnd(limit);
        BigInteger value = new BigInteger(der, pos, end - pos);
        pos = end;
        return value;
    }

    /**
     * Checks a positive INTEGER inside {@code limit} and steps over it without building its value: a private
     * key's other six numbers are never needed here, and making them costs start-up time.
     */
    void skipPositiveInteger(int limit) throws KeyException {
        pos = positiveIntegerEnd(limit);
    }

    /** Checks the INTEGER header and sign, leaves pos at its content and returns the content's end. */
    private int positiveIntegerEnd(int limit) throws KeyException {
        int start = pos;
        int end = enter(INTEGER, limit);
        if (end == pos || (der[pos] & 0x80) != 0) { // empty, or the two's complement sign bit is set
            throw failAt(start);
        }
        return end;
    }

    /** The rsaEncryption AlgorithmIdentifier, with NULL or absent parameters. */
    void rsaAlgorithm(int limit) throws KeyException {
        int end = enter(SEQUENCE, limit);
        int oidStart = pos;
        int oidEnd = enter(OID, end);
        if (!java.util.Arrays.equals(der, pos, oidEnd, RSA_OID_CONTENT, 0, RSA_OID_CONTENT.length)) {
            throw new KeyException(problem + " (its algorithm at byte " + oidStart + " is not rsaEncryption:"
                    + " only RSA keys are supported)");
        }
        pos = oidEnd;
        if (pos < end) {
            int nullEnd = enter(NULL, end);
            if (nullEnd != pos) {
                throw fail();
            }
        }
        expectAt(end);
    }

    /** The dotted text of the OBJECT IDENTIFIER at pos, inside {@code limit}; leaves pos after it. */
    String oid(int limit) throws KeyException {
        int start = pos;
        int end = enter(OID, limit);
        if (end == pos || (der[end - 1] & 0x80) != 0) {
            throw failAt(start);
        }
        StringBuilder out = new StringBuilder();
        long arc = 0;
        for (int i = pos; i < end; i++) {
            if (arc > (Long.MAX_VALUE >> 7)) {
                throw failAt(i);
            }
            arc = (arc << 7) | (der[i] & 0x7F);
            if ((der[i] & 0x80) == 0) {
                if (out.length() == 0) { // the first subidentifier holds the first two arcs
                    long top = Math.min(arc / 40, 2);
                    out.append(top).append('.').append(arc - 40 * top);
                } else {
                    out.append('.').append(arc);
                }
                arc = 0;
            }
        }
        pos = end;
        return out.toString();
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

    /**
     * The JDK's RSA key for checked DER: PKCS#8 for a {@link PrivateKey}, X.509 SubjectPublicKeyInfo for a
     * {@link java.security.PublicKey}. A refusal names the kind of key and {@code fix}, never any material.
     */
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

    /** DER of one element: tag, definite length, content. */
    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xFF);
            out.write(length & 0xFF);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
