package alipaymcp.config;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.CertificateMode;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.SignType;
import alipaymcp.config.Config.ConfirmRefunds;
import alipaymcp.config.Config.Environment;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the {@code AP_*} variables into a {@link Config} at start (each value's rule is in {@link Rules}), so a
 * typo stops the server before it can send anything anywhere; every problem found is reported at once.
 */
public final class ConfigLoader {
    /** Every AP_* name this server reads, including those of optional features. */
    static final List<String> KNOWN = List.of(
            "AP_APP_ID", "AP_APP_KEY", "AP_PUB_KEY", "AP_RETURN_URL", "AP_NOTIFY_URL", "AP_ENCRYPTION_ALGO",
            "AP_CURRENT_ENV", "AP_SELECT_TOOLS", "AP_LOG_ENABLED", "AP_INVOKE_AUTH_TOKEN", "AP_GATEWAY_URL",
            "AP_TIMEOUT_MS", "AP_MAX_REFUND_AMOUNT", "AP_CONFIRM_REFUNDS", CertificateFiles.APP_CERT,
            CertificateFiles.ALIPAY_CERT, CertificateFiles.ROOT_CERT, "AP_ENCRYPT_KEY");
    /** Two edits (a swapped pair counts as one) catch the usual slips; our names differ far more than that. */
    static final int MAX_TYPO_DISTANCE = 2;

    private final Map<String, String> env;
    private final Clock clock; // certificate dates are checked against it
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private ConfigLoader(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
        checkNames();
    }

    /** The tools package's judgement of one trimmed AP_SELECT_TOOLS item (config cannot know the names). */
    public interface ToolNames {
        /** The problem's line, or null when {@code item} is "all" or names a tool. */
        String problem(String item);
    }

    /** Empty values count as unset; {@code toolNames} judges each AP_SELECT_TOOLS item. */
    public static Config load(Map<String, String> env, ToolNames toolNames) throws ConfigException {
        return load(env, toolNames, Clock.systemUTC());
    }

    static Config load(Map<String, String> env, ToolNames toolNames, Clock clock) throws ConfigException {
        return new ConfigLoader(env, clock).config(toolNames);
    }

    /** AP_APP_ID, AP_ENCRYPTION_ALGO and AP_PUB_KEY (or AP_ALIPAY_CERT_PATH) only: never the private key. */
    public static NotifySettings loadForNotify(Map<String, String> env) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(env, Clock.systemUTC());
        String appId = null;
        SignType signType = null;
        PublicKey certKey = null;
        AlipayPublicKey key = null;
        String certPath = loader.optional(CertificateFiles.ALIPAY_CERT);
        try { appId = Rules.appId(loader.appIdText()); } catch (ConfigException e) { loader.keep(e); }
        try { signType = Rules.signType(loader.optional("AP_ENCRYPTION_ALGO")); }
                catch (ConfigException e) { loader.keep(e); }
        try { certKey = certPath == null ? null : CertificateFiles.alipayKey(certPath); }
                catch (ConfigException e) { loader.keep(e); }
        try { key = loader.verifyingKey(certPath != null, certKey, null, signType); }
                catch (ConfigException e) { loader.keep(e); }
        loader.throwProblems();
        return new NotifySettings(appId, key, signType);
    }

    /** What {@code verify-notify} needs, so that it can run on a notify host that never holds the private key. */
    public record NotifySettings(String appId, AlipayPublicKey alipayPublicKey, SignType signType) {
        public NotifySettings {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
            Objects.requireNonNull(signType, "signType");
        }
    }

    // Every check runs even when an earlier one failed. Try/catch lines, not a check(() -> ...) helper: its
    // lambdas cost about 25 ms of a cold start (make bench --baseline, issue 15: 1.58x the JVM floor, 1.40x without).
    private Config config(ToolNames toolNames) throws ConfigException {
        String appId = null;
        SignType signType = null;
        AppPrivateKey appKey = null;
        CertificateMode certificates = null;
        AlipayPublicKey publicKey = null;
        Environment environment = Environment.PROD;
        URI gateway = null;
        String returnUrl = null;
        String notifyUrl = null;
        String token = null;
        List<String> selectTools = null;
        Path logFile = null;
        Duration timeout = null;
        BigDecimal maxRefundAmount = null;
        ConfirmRefunds confirmRefunds = null;
        ContentCipher encryption = null;
        String[] certPaths = {optional(CertificateFiles.APP_CERT), optional(CertificateFiles.ALIPAY_CERT),
            optional(CertificateFiles.ROOT_CERT)};
        boolean certificateMode = certPaths[0] != null || certPaths[1] != null || certPaths[2] != null;
        try { appId = Rules.appId(appIdText()); } catch (ConfigException e) { keep(e); }
        try { signType = Rules.signType(optional("AP_ENCRYPTION_ALGO")); } catch (ConfigException e) { keep(e); }
        try { appKey = Rules.appKey(required("AP_APP_KEY", "your application private key (PKCS#8 or PKCS#1, PEM or"
                + " bare base64)"), signType, warnings); } catch (ConfigException e) { keep(e); }
        try { certificates = certificateMode ? CertificateFiles.load(certPaths, appKey, clock, warnings) : null; }
                catch (ConfigException e) { keep(e); }
        try { publicKey = verifyingKey(certificateMode, certificates == null ? null : certificates.localKey(), appKey,
                signType); } catch (ConfigException e) { keep(e); }
        try { environment = Rules.choice("AP_CURRENT_ENV", optional("AP_CURRENT_ENV"), Environment.values(),
                Environment.PROD, "prod (the default) or sandbox"); } catch (ConfigException e) { keep(e); }
        try { gateway = Rules.gateway(optional("AP_GATEWAY_URL"), environment.gateway()); }
                catch (ConfigException e) { keep(e); }
        try { returnUrl = Rules.callback("AP_RETURN_URL", optional("AP_RETURN_URL")); }
                catch (ConfigException e) { keep(e); }
        try { notifyUrl = Rules.callback("AP_NOTIFY_URL", optional("AP_NOTIFY_URL")); }
                catch (ConfigException e) { keep(e); }
        try { token = Rules.authToken(optional("AP_INVOKE_AUTH_TOKEN")); } catch (ConfigException e) { keep(e); }
        try { selectTools = Rules.selectTools(optional("AP_SELECT_TOOLS"), toolNames, problems); }
                catch (ConfigException e) { keep(e); }
        try { logFile = logFile(); } catch (ConfigException e) { keep(e); }
        try { timeout = Rules.timeout(optional("AP_TIMEOUT_MS")); } catch (ConfigException e) { keep(e); }
        try { maxRefundAmount = Rules.maxRefundAmount(optional("AP_MAX_REFUND_AMOUNT")); }
                catch (ConfigException e) { keep(e); }
        try { confirmRefunds = Rules.choice("AP_CONFIRM_REFUNDS", optional("AP_CONFIRM_REFUNDS"),
                ConfirmRefunds.values(), ConfirmRefunds.AUTO, "auto (the default: a person confirms each refund when"
                + " the client can ask), always (refuse refunds when it cannot) or never"); }
                catch (ConfigException e) { keep(e); }
        try { encryption = Rules.encryptKey(optional("AP_ENCRYPT_KEY")); } catch (ConfigException e) { keep(e); }
        throwProblems();
        return new Config(appId, appKey, publicKey, signType, environment, gateway, returnUrl, notifyUrl, token,
                selectTools, logFile, timeout, maxRefundAmount, confirmRefunds, certificates, encryption, warnings);
    }

    /**
     * The key that verifies Alipay's answers: the Alipay certificate's ({@code certKey}, null when its file failed)
     * or AP_PUB_KEY, which must not be the public half of {@code appKey}. Null arguments are not known.
     */
    private AlipayPublicKey verifyingKey(boolean certificateMode, PublicKey certKey, AppPrivateKey appKey,
            SignType signType) throws ConfigException {
        if (certificateMode && optional("AP_PUB_KEY") != null) {
            throw new ConfigException("AP_PUB_KEY must be unset in certificate mode: the Alipay key comes from "
                    + CertificateFiles.ALIPAY_CERT + ". Unset AP_PUB_KEY, or unset the three certificate paths for"
                    + " public-key mode.");
        }
        if (certificateMode && certKey == null) {
            return null;
        }
        AlipayPublicKey key = certificateMode ? CertificateFiles.asAlipayKey(certKey)
                : Rules.publicKey(required("AP_PUB_KEY", "the Alipay public key (支付宝公钥) shown beside your app's keys"));
        if (!certificateMode && appKey != null && key.isPublicHalfOf(appKey)) {
            throw new ConfigException("AP_PUB_KEY is your application's own public key (应用公钥), not the Alipay"
                    + " public key (支付宝公钥): copy the Alipay public key from the open platform instead.");
        }
        if (signType != null) {
            Rules.checkSize(certificateMode ? CertificateFiles.ALIPAY_CERT : "AP_PUB_KEY", key.bits(), signType,
                    warnings);
        }
        return key;
    }

    private enum LogEnabled { TRUE, FALSE }

    /** AP_LOG_ENABLED: the log file in $HOME (else the user.home property), or null when false. */
    private Path logFile() throws ConfigException {
        if (Rules.choice("AP_LOG_ENABLED", optional("AP_LOG_ENABLED"), LogEnabled.values(), LogEnabled.TRUE,
                "true (the default) or false") == LogEnabled.FALSE) {
            return null;
        }
        String home = optional("HOME") != null ? optional("HOME") : System.getProperty("user.home");
        return Path.of(home, "mcp-server-alipay.log");
    }

    private String appIdText() throws ConfigException {
        return required("AP_APP_ID", "your application's APPID from the Alipay open platform");
    }

    /** Null when unset or empty (client configs often carry ""). */
    private String optional(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private String required(String name, String what) throws ConfigException {
        String value = optional(name);
        if (value == null) {
            throw new ConfigException(name + " is not set: set it to " + what + ".");
        }
        return value;
    }

    private void keep(ConfigException e) {
        problems.addAll(e.problems());
    }

    private void throwProblems() throws ConfigException {
        if (!problems.isEmpty()) {
            String token = env.get("AP_INVOKE_AUTH_TOKEN"); // an echoed value may hold it (e.g. pasted into a URL)
            for (int i = 0; i < problems.size(); i++) {
                problems.set(i, ConfigException.scrub(problems.get(i), token));
            }
            throw new ConfigException(problems);
        }
    }

    /**
     * A problem for each unknown AP_* name that looks like a typo of ours (a misspelt AP_SELECT_TOOLS would expose
     * every tool; a misspelt AP_CURRENT_ENV would send requests to prod), a warning for the others, in name order.
     */
    private void checkNames() {
        List<String> unknown = new ArrayList<>();
        for (String name : env.keySet()) {
            String upper = name.toUpperCase(Locale.ROOT);
            boolean ours = KNOWN.contains(name) || (KNOWN.contains(upper) && env.get(upper) != null); // Windows
            if (upper.startsWith("AP_") && !ours) {
                unknown.add(name);
            }
        }
        unknown.sort(null);
        for (String name : unknown) {
            String meant = closest(name.toUpperCase(Locale.ROOT));
            if (meant != null) {
                problems.add(name + " is not a variable of this server: did you mean " + meant
                        + "? Rename it (as written it is ignored, so its setting would not apply).");
            } else {
                warnings.add(name + " is not a variable of this server and is ignored (see --help for the"
                        + " AP_* names).");
            }
        }
    }

    /** The known name {@code upper} is most likely a typo of, or null. */
    static String closest(String upper) {
        String best = null;
        int bestDistance = MAX_TYPO_DISTANCE + 1;
        for (String known : KNOWN) {
            int distance = squeezed(upper).equals(squeezed(known)) ? 0 : distance(upper, known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Without underscores and a trailing S: AP_APPID, AP_PUBKEY and AP_SELECT_TOOL all squeeze to ours. */
    private static String squeezed(String name) {
        String s = name.replace("_", "");
        return s.endsWith("S") ? s.substring(0, s.length() - 1) : s;
    }

    /** Damerau-Levenshtein distance (optimal string alignment: insert, delete, replace, swap neighbours). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
