package alipaymcp.alipay;

/**
 * The signed content of a response body, cut out exactly as Alipay's Java SDK does it
 * (alipay-gateway.md §7.2): the raw text of the {@code <method>_response} object (else
 * {@code error_response}), found by brace matching outside string literals, or a quoted string
 * (encrypted content) including its quotes.
 *
 * @param root    the response node name used
 * @param content the exact raw text that was signed
 */
record SignSource(String root, String content) {

    /**
     * Null when there is nothing to verify (no root, no {@code "sign"} anywhere, no object or string).
     *
     * @throws AlipayException BAD_SIGNATURE when the root name appears again after the content
     */
    static SignSource extract(String body, String method) throws AlipayException {
        String root = method.replace('.', '_') + "_response";
        if (body.indexOf(root) <= 0) {
            root = "error_response";
            if (body.indexOf(root) <= 0) {
                return null;
            }
        }
        if (body.indexOf("\"sign\"") < 0) {
            return null;
        }
        int begin = body.indexOf(root) + root.length() + 2;
        while (begin < body.length() && body.charAt(begin) != '{' && body.charAt(begin) != '"') {
            begin++;
        }
        if (begin >= body.length()) {
            return null;
        }
        int end = body.charAt(begin) == '{' ? objectEnd(body, begin) : stringEnd(body, begin);
        if (body.lastIndexOf(root) > end) {
            throw new AlipayException(AlipayException.Kind.BAD_SIGNATURE, "The response holds " + root
                    + " more than once; a duplicated response node is refused (signature check failed).");
        }
        return new SignSource(root, body.substring(begin, end));
    }

    /** Index after the '}' matching the '{' at begin; the body's length when there is none. */
    private static int objectEnd(String body, int begin) {
        int depth = 0;
        boolean inString = false;
        int backslashes = 0;
        for (int i = begin; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' && backslashes % 2 == 0) {
                inString = !inString;
            } else if (!inString && c == '{') {
                depth++;
            } else if (!inString && c == '}' && --depth == 0) {
                return i + 1;
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
        }
        return body.length();
    }

    /** Index after the next '"' following the one at begin (encrypted content is plain base64). */
    private static int stringEnd(String body, int begin) {
        int close = body.indexOf('"', begin + 1);
        return close < 0 ? body.length() : close + 1;
    }
}
