package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.json.JsonValue.JsonObject;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class FormCodecTest {

    @Test
    void encode_isTheFormEncoding() {
        assertThat(FormCodec.encode("a b*-._~!'()/:测")).isEqualTo("a+b*-._%7E%21%27%28%29%2F%3A%E6%B5%8B");
    }

    @Test
    void decode_readsEveryNotificationBodyBackToItsParams() {
        for (JsonObject v : Vectors.cases(Vectors.load("notification.json"), "cases")) {
            LinkedHashMap<String, String> expected = Vectors.stringMap(Vectors.obj(v, "params"));
            LinkedHashMap<String, String> decoded = FormCodec.decode(Vectors.str(v, "form_body"));
            assertThat(decoded).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void decode_decodesOnceAndKeepsEmptyValues() {
        assertThat(FormCodec.decode("a=%2541&b=&c&&d=x+y%2B"))
                .containsExactly(java.util.Map.entry("a", "%41"), java.util.Map.entry("b", ""),
                        java.util.Map.entry("c", ""), java.util.Map.entry("d", "x y+"));
        assertThat(FormCodec.decode("")).isEmpty();
    }

    @Test
    void decode_rejectsRepeatedKeysAndBadEscapesNamingTheKey() {
        assertThatThrownBy(() -> FormCodec.decode("a=1&sign=2&sign=3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sign' appears more than once");
        assertThatThrownBy(() -> FormCodec.decode("total_amount=1%2"))
                .hasMessageContaining("bad %-escape").hasMessageContaining("'total_amount'");
        assertThatThrownBy(() -> FormCodec.decode("subject=%E6%B5"))
                .hasMessageContaining("not UTF-8").hasMessageContaining("'subject'");
    }

    @Test
    void encodeThenDecode_roundTrips() {
        String s = "订单 (1) a&b=c+d%e 😀";
        assertThat(FormCodec.decode("k=" + FormCodec.encode(s)).get("k")).isEqualTo(s);
    }
}
