package alipaymcp;

import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.NotifyVerifier;
import alipaymcp.config.ConfigException;
import alipaymcp.config.ConfigLoader;
import alipaymcp.config.ConfigLoader.NotifySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code verify-notify [--v2]}: reads one form-encoded Alipay notification on stdin, prints the verdict and,
 * when valid, the trade fields; exit 0 only when valid. Needs AP_PUB_KEY (in certificate mode
 * AP_ALIPAY_CERT_PATH instead) and AP_APP_ID, never AP_APP_KEY.
 */
final class VerifyNotifyCommand {
    static final int MAX_BODY = 64 * 1024;
    static final int EXIT_INVALID = 1;
    static final List<String> SHOWN = List.of("notify_type", "notify_id", "notify_time", "app_id", "out_trade_no",
            "trade_no", "trade_status", "total_amount", "receipt_amount", "buyer_pay_amount", "refund_fee",
            "gmt_payment", "gmt_refund", "gmt_close");

    private VerifyNotifyCommand() {
    }

    /** {@code stdinIsTerminal}: nothing is piped in, so say where the notification is read from. */
    static int run(String[] args, Map<String, String> env, InputStream in, boolean stdinIsTerminal, PrintStream out,
            PrintStream err) {
        boolean v2 = args.length == 1 && args[0].equals("--v2");
        if (args.length > 1 || (args.length == 1 && !v2)) {
            err.println("mcp-server-alipay verify-notify: usage: verify-notify [--v2] < notification-body");
            return Main.EXIT_USAGE;
        }
        try {
            NotifySettings settings = ConfigLoader.loadForNotify(env);
            if (stdinIsTerminal) {
                err.println("mcp-server-alipay verify-notify: reading the notification from stdin: paste the form"
                        + " body Alipay posted, then a line break and Ctrl-D (or pipe it: verify-notify < body.txt)");
            }
            String body = readBody(in);
            String notAForm = notAForm(body);
            if (notAForm != null) {
                out.println("INVALID: " + notAForm);
                return EXIT_INVALID;
            }
            NotifyVerifier.Verdict verdict = NotifyVerifier.verify(body, settings.alipayPublicKey(),
                    settings.signType(), settings.appId(), v2);
            if (!verdict.valid()) {
                out.println("INVALID: " + verdict.reason());
                return EXIT_INVALID;
            }
            out.println("VALID (" + settings.signType() + ", " + (v2 ? "V2" : "V1") + ")");
            for (String name : SHOWN) {
                String value = verdict.params().get(name);
                if (value != null) {
                    out.println(name + "=" + value);
                }
            }
            return 0;
        } catch (ConfigException e) {
            return Main.reportConfig(e, err);
        } catch (KeyException e) {
            err.println("mcp-server-alipay: AP_PUB_KEY: " + e.getMessage());
            return ConfigException.EXIT_STATUS;
        } catch (IOException e) {
            err.println("mcp-server-alipay verify-notify: " + e.getMessage());
            return EXIT_INVALID;
        }
    }

    /** Why {@code body} cannot be a notification before any field is read, or null when it has the form shape. */
    static String notAForm(String body) {
        String expected = "; verify-notify reads the raw POST body Alipay sent to your notify URL"
                + " (gmt_create=...&notify_id=...&sign=...&sign_type=RSA2)";
        if (body.isBlank()) {
            return "the input on stdin is empty" + expected;
        }
        String shape = switch (body.strip().charAt(0)) {
            case '{', '[' -> "JSON";
            case '<' -> "HTML or XML";
            default -> null;
        };
        if (shape != null) {
            return "the input on stdin is " + shape + ", not a form-encoded body" + expected;
        }
        if (body.indexOf('=') < 0) {
            return "the input on stdin is not form-encoded (it has no name=value pair)" + expected;
        }
        return null;
    }

    /** The whole of stdin (at most 64 KiB), without the trailing line break a shell adds. */
    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IOException("the notification on stdin is larger than " + MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8).replaceFirst("[\r\n]+$", "");
    }
}
