package alipaymcp.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.json.JsonParser.Span;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Span and JsonParser.memberSpans: the raw source text Alipay signs. */
class SpanTest {
    private static final String IMAGE_RESPONSE = "{\"code\":\"10000\",\"msg\":\"Success\",\"image_id\":"
            + "\"Zp1Nm6FDTZaEuSSniGd5awAAACMAAQED\",\"image_url\":\"http:\\/\\/oalipay-dl-django.alicdn.com\\/rest"
            + "\\/1.0\\/image?fileIds=Zp1Nm6FDTZaEuSSniGd5awAAACMAAQED&zoom=original\"}";

    @Test
    void memberSpans_returnsExactRawTextOfAlipayResponse() throws JsonException {
        String body = "{\"alipay_offline_material_image_upload_response\":" + IMAGE_RESPONSE
                + ",\"sign\":\"P8xrBWqZ==\"}";
        Map<String, Span> spans = JsonParser.memberSpans(body);
        assertThat(spans.get("alipay_offline_material_image_upload_response").slice(body)).isEqualTo(IMAGE_RESPONSE);
        assertThat(spans.get("sign").slice(body)).isEqualTo("\"P8xrBWqZ==\"");
    }

    @Test
    void memberSpans_keepsWhitespaceInsideButNotAroundTheValue() throws JsonException {
        String value = "{ \"code\" :\n \"10000\" ,\r\n\t\"msg\":\"Success\" }";
        String body = "{\"x_response\"\n        :\n        " + value + ",\n\n   \"sign\"  :  \"s\"  }";
        Map<String, Span> spans = JsonParser.memberSpans(body);
        assertThat(spans.get("x_response").slice(body)).isEqualTo(value);
        assertThat(spans.get("sign").slice(body)).isEqualTo("\"s\"");
    }

    @Test
    void memberSpans_keepsEscapedSlashesAndEscapes() throws JsonException {
        String value = "{\"url\":\"http:\\/\\/a\\/b\",\"t\":\"\\u4e2d\\n\"}";
        String body = "{\"r\":" + value + "}";
        assertThat(JsonParser.memberSpans(body).get("r").slice(body)).isEqualTo(value);
    }

    @Test
    void memberSpans_ignoresBracesAndQuotesInsideStrings() throws JsonException {
        String value = "{\"memo\":\"}{ \\\" }}\\\\\",\"n\":{\"a\":[\"]\"]}}";
        String body = "{\"r\":" + value + ",\"sign\":\"}\"}";
        Map<String, Span> spans = JsonParser.memberSpans(body);
        assertThat(spans.get("r").slice(body)).isEqualTo(value);
        assertThat(spans.get("sign").slice(body)).isEqualTo("\"}\"");
    }

    @Test
    void memberSpans_coversEveryKindOfValue() throws JsonException {
        String body = "{\"s\":\"a\",\"n\":-1.50e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1, [2]],\"o\":{}}";
        Map<String, Span> spans = JsonParser.memberSpans(body);
        assertThat(spans.keySet()).containsExactly("s", "n", "t", "f", "z", "a", "o");
        assertThat(spans.values()).extracting(s -> s.slice(body))
                .containsExactly("\"a\"", "-1.50e3", "true", "false", "null", "[1, [2]]", "{}");
    }

    @Test
    void memberSpans_listsOnlyTopLevelMembers() throws JsonException {
        String body = "{\"outer\":{\"inner\":{\"deep\":1}},\"sign\":\"x\"}";
        Map<String, Span> spans = JsonParser.memberSpans(body);
        assertThat(spans.keySet()).containsExactly("outer", "sign");
        assertThat(spans.get("outer")).isEqualTo(new Span(9, 29));
    }

    @Test
    void memberSpans_givesOffsetsInChars() throws JsonException {
        String body = "{\"名\":\"支付宝😀\",\"b\":1}";
        Map<String, Span> spans = JsonParser.memberSpans(body);
        assertThat(spans.get("名")).isEqualTo(new Span(5, 12));
        assertThat(spans.get("b").slice(body)).isEqualTo("1");
    }

    @Test
    void memberSpans_returnsEmptyMapForEmptyObject() throws JsonException {
        assertThat(JsonParser.memberSpans(" {} ")).isEmpty();
    }

    @Test
    void memberSpans_returnsUnmodifiableMap() throws JsonException {
        Map<String, Span> spans = JsonParser.memberSpans("{\"a\":1}");
        assertThatThrownBy(() -> spans.put("b", new Span(0, 0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void memberSpans_rejectsTopLevelOtherThanObject() {
        for (String text : new String[] {"[1]", "\"x\"", "1", "null"}) {
            assertThatThrownBy(() -> JsonParser.memberSpans(text)).isInstanceOf(JsonException.class)
                    .hasMessageStartingWith("expected an object at the top level");
        }
        assertThatThrownBy(() -> JsonParser.memberSpans("")).isInstanceOf(JsonException.class)
                .hasMessageStartingWith("empty input");
    }

    @Test
    void memberSpans_parsesTheWholeTextStrictly() {
        for (String text : new String[] {"{\"r\":{}} x", "{\"r\":{},\"r\":{}}", "{\"r\":{\"a\":01}}", "{\"r\":{}",
            "{\"r\":{},}", "{\"r\":" + "[".repeat(600) + "]".repeat(600) + "}"}) {
            assertThatThrownBy(() -> JsonParser.memberSpans(text)).as(text).isInstanceOf(JsonException.class);
        }
    }

    @Test
    void span_rejectsNegativeOrInvertedRanges() {
        assertThatThrownBy(() -> new Span(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Span(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Span(2, 2).slice("ab")).isEmpty();
        assertThat(new Span(1, 3).slice("abcd")).isEqualTo("bc");
    }
}
