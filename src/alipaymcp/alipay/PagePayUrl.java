package alipaymcp.alipay;

import java.util.Map;

/**
 * The GET URL of a page call (wap or page pay), returned to the user and never fetched by us: upstream's
 * layout (allow-listed keys form-encoded, then {@code &k=} + encodeURIComponent of the rest) except that
 * {@code ! ' ( ) * ~} are percent-encoded too, so no order title can end a Markdown link early.
 * Decoding the query once gives back exactly the signed parameters.
 */
final class PagePayUrl {
    private PagePayUrl() {
    }

    static String build(String gateway, Map<String, String> signedParams) {
        StringBuilder url = GatewayParams.url(gateway, signedParams);
        for (Map.Entry<String, String> e : signedParams.entrySet()) {
            if (!GatewayParams.inUrl(e.getKey())) {
                url.append('&').append(component(e.getKey())).append('=').append(component(e.getValue()));
            }
        }
        return url.toString();
    }

    /**
     * encodeURIComponent with {@code ! ' ( ) * ~} also escaped: the form encoding with space as %20
     * and '*' as %2A (a '+' in the input is already %2B, so every '+' here stands for a space).
     */
    static String component(String s) {
        return FormCodec.encode(s).replace("+", "%20").replace("*", "%2A");
    }
}
