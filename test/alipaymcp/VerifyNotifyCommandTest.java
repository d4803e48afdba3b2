package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyNotifyCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static JsonObject vectors() throws Exception {
        Path dir = Path.of(System.getProperty("repo.dir", "."), "test", "vectors");
        return (JsonObject) JsonParser.parse(Files.readString(dir.resolve("notification.json")));
    }

    private static JsonObject testCase(JsonObject vectors, String id) {
        for (var value : ((alipaymcp.json.JsonValue.JsonArray) vectors.get("cases")).elements()) {
            JsonObject c = (JsonObject) value;
            if (c.string("id").orElse("").equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no vector " + id);
    }

    private int run(JsonObject vectors, String id, String appId, String... args) {
        JsonObject c = testCase(vectors, id);
        String keyName = c.string("alipay_public_key").orElseThrow();
        String key = vectors.object("keys").orElseThrow().object(keyName).orElseThrow().string("spki_base64").orElseThrow();
        Map<String, String> env = new HashMap<>();
        env.put("AP_APP_ID", appId);
        env.put("AP_PUB_KEY", key);
        return command(args, env, (c.string("form_body").orElseThrow() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The command with {@code stdin}, its stdout and stderr kept. */
    private int command(String[] args, Map<String, String> env, byte[] stdin) {
        return command(args, env, stdin, false);
    }

    private int command(String[] args, Map<String, String> env, byte[] stdin, boolean stdinIsTerminal) {
        return VerifyNotifyCommand.run(args, env, new ByteArrayInputStream(stdin), stdinIsTerminal,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verifyNotify_acceptsARealPaymentNotificationWithV1() throws Exception {
        int status = run(vectors(), "v1-trade-status-sync", "2019073166072302");
        assertThat(out()).startsWith("VALID (RSA2, V1)\n").contains("\nout_trade_no=").contains("\ntrade_status=");
        assertThat(status).isZero();
    }

    @Test
    void verifyNotify_rejectsTheSameNotificationUnderV2() throws Exception {
        assertThat(run(vectors(), "v1-trade-status-sync", "2019073166072302", "--v2")).isEqualTo(1);
        assertThat(out()).startsWith("INVALID: its signature does not verify");
    }

    @Test
    void verifyNotify_rejectsAnotherAppId() throws Exception {
        assertThat(run(vectors(), "v1-trade-status-sync", "2021000000000000")).isEqualTo(1);
        assertThat(out()).startsWith("INVALID:").contains("app_id");
    }

    @Test
    void verifyNotify_rejectsANotificationSignedByAnotherKey() throws Exception {
        assertThat(run(vectors(), "v1-signed-by-another-key", "2019073166072302")).isEqualTo(1);
        assertThat(out()).startsWith("INVALID:");
    }

    @Test
    void verifyNotify_needsNoPrivateKeyButStopsWithoutThePublicKey() {
        Map<String, String> env = new HashMap<>();
        env.put("AP_APP_ID", "2019073166072302");
        assertThat(command(new String[0], env, new byte[0])).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("mcp-server-alipay: AP_PUB_KEY is not set");
    }

    /** AP_APP_ID and AP_PUB_KEY of the notification vectors. */
    private static Map<String, String> notifyEnv() throws Exception {
        JsonObject c = testCase(vectors(), "v1-trade-status-sync");
        String keyName = c.string("alipay_public_key").orElseThrow();
        Map<String, String> env = new HashMap<>();
        env.put("AP_APP_ID", "2019073166072302");
        env.put("AP_PUB_KEY", vectors().object("keys").orElseThrow().object(keyName).orElseThrow()
                .string("spki_base64").orElseThrow());
        return env;
    }

    @Test
    void verifyNotify_saysItReadsStdinWhenStdinIsATerminal() throws Exception {
        command(new String[0], notifyEnv(), new byte[0], true);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("mcp-server-alipay verify-notify: reading the notification from stdin");
    }

    @Test
    void verifyNotify_saysNothingAboutStdinWhenTheBodyIsPiped() throws Exception {
        assertThat(run(vectors(), "v1-trade-status-sync", "2019073166072302")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void verifyNotify_namesEmptyAndNonFormInput() throws Exception {
        String[][] cases = {
            {"", "INVALID: the input on stdin is empty; "},
            {"\n", "INVALID: the input on stdin is empty; "},
            {"{\"sign\":\"x\"}", "INVALID: the input on stdin is JSON, not a form-encoded body; "},
            {"<html></html>", "INVALID: the input on stdin is HTML or XML, not a form-encoded body; "},
            {"hello", "INVALID: the input on stdin is not form-encoded (it has no name=value pair); "},
        };
        for (String[] c : cases) {
            out.reset();
            assertThat(command(new String[0], notifyEnv(), c[0].getBytes(StandardCharsets.UTF_8))).as(c[0]).isEqualTo(1);
            assertThat(out()).as(c[0]).startsWith(c[1]).contains("verify-notify reads the raw POST body")
                    .doesNotContain("no sign");
        }
    }

    @Test
    void verifyNotify_refusesUnknownOptions() {
        assertThat(command(new String[] {"--v3"}, Map.of(), new byte[0])).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("mcp-server-alipay verify-notify: usage: ");
        assertThat(out()).isEmpty();
    }
}
