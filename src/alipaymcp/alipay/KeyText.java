package alipaymcp.alipay;

import java.util.Base64;

/**
 * Turns key text as people paste it into DER bytes: PEM with any label (even on one line, as an
 * environment variable often flattens it), or bare base64; any whitespace, literal "\n" escapes, and
 * upstream's missing '=' padding are accepted. Messages never contain the text.
 */
final class KeyText {
    /** Far above any RSA key's text (an 8192-bit PKCS#8 key is about 6.5 KB of base64). */
    static final int MAX_CHARS = 32 * 1024;

    private KeyText() {
    }

    static byte[] decode(String text) throws KeyException {
        if (text == null || text.isBlank()) {
            throw new KeyException("is empty; paste the key as PEM or as bare base64");
        }
        if (text.length() > MAX_CHARS) {
            throw new KeyException("is " + text.length() + " characters long, more than any RSA key ("
                    + MAX_CHARS + " at most); paste only the key");
        }
        String digits = text.length() <= 40 ? text.strip() : "";
        if (!digits.isEmpty() && digits.length() <= 32 && isDigits(digits)) {
            throw new KeyException("is " + digits.length() + " digits, which looks like an APPID, not a key; put"
                    + " the APPID in AP_APP_ID and paste the key here");
        }
        // One plain pass over char arrays: this runs interpreted at start-up, where a call per character
        // (charAt, StringBuilder.append, startsWith) costs milliseconds and wakes the JIT compilers.
        char[] chars = text.toCharArray();
        char[] base64 = new char[chars.length + 2];
        int length = 0;
        int i = 0;
        while (i < chars.length) {
            char c = chars[i];
            if (c == '-' && text.startsWith("-----", i)) {
                i = skipPemLabel(text, i);
            } else if (c == '\\' && i + 1 < chars.length && (chars[i + 1] == 'n' || chars[i + 1] == 'r')) {
                i += 2; // a line break escaped by a JSON or .env file
            } else {
                boolean inAlphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '+' || c == '/' || c == '='; // decided inline, see above
                if (inAlphabet) {
                    base64[length++] = c;
                } else if (!Character.isWhitespace(c)) {
                    throw new KeyException(StrayCharacter.describe(text, i));
                }
                i++;
            }
        }
        return base64Decode(base64, length);
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

    private static byte[] base64Decode(char[] base64, int length) throws KeyException {
        if (length == 0) {
            throw new KeyException("holds no base64 data between its PEM lines");
        }
        if (length % 4 == 1) {
            throw new KeyException("ends in the middle of a base64 group: it looks truncated; paste the whole key,"
                    + " from its first to its last character");
        }
        while (length % 4 == 2 || length % 4 == 3) {
            base64[length++] = '='; // upstream pads by length, so keys without padding are in use
        }
        try {
            return requireComplete(Base64.getDecoder().decode(new String(base64, 0, length)));
        } catch (IllegalArgumentException e) {
            throw new KeyException("is not valid base64 (a character outside A-Z a-z 0-9 + / =, or a truncated"
                    + " key); paste the key exactly as issued");
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A key is one DER SEQUENCE: when its header announces more bytes than follow, the paste was cut short,
     * which is worth saying plainly instead of "DER parse failed at byte N".
     */
    private static byte[] requireComplete(byte[] der) throws KeyException {
        if (der.length < 2 || der[0] != 0x30) {
            throw new KeyException("does not look like a key: an RSA key is a DER SEQUENCE, whose base64 text starts"
                    + " with MII; paste the key itself");
        }
        int first = der[1] & 0xFF;
        int header = first < 0x80 ? 2 : 2 + (first & 0x7F);
        if (first == 0x80 || header > 6) {
            return der;
        }
        long announced = first < 0x80 ? first : 0;
        for (int i = 2; i < header && i < der.length; i++) {
            announced = (announced << 8) | (der[i] & 0xFF);
        }
        long present = der.length - (long) header;
        if (der.length < header || announced > present) {
            throw new KeyException("is truncated: it announces " + announced + " bytes of key data but only "
                    + Math.max(0, present) + " are there; paste the whole key, from its first to its last character");
        }
        return der;
    }
}
