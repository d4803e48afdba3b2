package alipaymcp.config;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.Amount;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.CertificateMode;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.SignType;
import alipaymcp.alipay.StrayCharacter;
import alipaymcp.config.Config.ConfirmRefunds;
import alipaymcp.config.Config.Environment;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the {@code AP_*} variables into a {@link Config}. Every check happens here, at start, so a typo
 * stops the server before it can send anything anywhere. Keys are parsed structurally only.
 */
public final class ConfigLoader {
    static final int DEFAULT_TIMEOUT_MS = 15_000;
    static final int MIN_TIMEOUT_MS = 100;
    static final int MAX_TIMEOUT_MS = 300_000;
    static final String LOG_FILE_NAME = "mcp-server-alipay.log";

    private final Map<String, String> env;
    private final ToolNames toolNames;
    private final Clock clock; // certificate dates are checked against it
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private ConfigLoader(Map<String, String> env, ToolNames toolNames, Clock clock) {
        this.env = env;
        this.toolNames = toolNames;
        this.clock = clock;
    }

    /** The tools package's judgement of one trimmed AP_SELECT_TOOLS item (config cannot know the names). */
    public interface ToolNames {
        /** The problem's line, or null when {@code item} is "all" or names a tool. */
        String problem(String item);
    }

    /**
     * Loads and checks the configuration from environment variables (empty values count as unset); every
     * problem found is in the exception, one line each.
     */
    public static Config load(Map<String, String> env) throws ConfigException {
        return load(env, null);
    }

    /** As {@link #load(Map)}, also asking {@code toolNames} (unless null) about each AP_SELECT_TOOLS item. */
    public static Config load(Map<String, String> env, ToolNames toolNames) throws ConfigException {
        return load(env, toolNames, Clock.systemUTC());
    }

    /** {@code clock}: certificate dates are checked against it. */
    static Config load(Map<String, String> env, ToolNames toolNames, Clock clock) throws ConfigException {
        try {
            return new ConfigLoader(env, toolNames, clock).load();
        } catch (ConfigException e) { // a value echoed in a problem may hold the token (e.g. pasted into a URL)
            List<String> scrubbed = new ArrayList<>();
            for (String problem : e.problems()) {
                scrubbed.add(ConfigException.scrub(problem, env.get("AP_INVOKE_AUTH_TOKEN")));
            }
            throw new ConfigException(scrubbed);
        }
    }

    /**
     * The settings of {@code verify-notify}: AP_APP_ID, AP_PUB_KEY and AP_ENCRYPTION_ALGO only, so that it can run
     * on a notify host that never holds the private key.
     */
    public static NotifySettings loadForNotify(Map<String, String> env) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(env, null, Clock.systemUTC());
        VariableNames.check(env, loader.problems, loader.warnings);
        String appId = null;
        SignType signType = null;
        AlipayPublicKey key = null;
        try { appId = loader.appId(); } catch (ConfigException e) { loader.keep(e); }
        try { signType = loader.signType(); } catch (ConfigException e) { loader.keep(e); }
        try { key = loader.notifyKey(); } catch (ConfigException e) { loader.keep(e); }
        if (key != null && signType != null) {
            try {
                KeySettings.checkSize("AP_PUB_KEY", key.bits(), signType, loader.warnings);
            } catch (ConfigException e) {
                loader.keep(e);
            }
        }
        loader.throwProblems();
        return new NotifySettings(appId, key, signType);
    }

    /** What {@code verify-notify} needs: never the private key. */
    public record NotifySettings(String appId, AlipayPublicKey alipayPublicKey, SignType signType) {
        public NotifySettings {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
            Objects.requireNonNull(signType, "signType");
        }
    }

    private void keep(ConfigException e) {
        problems.addAll(e.problems());
    }

    // Every check runs even when an earlier one failed, so that every problem is reported at once. Written as
    // try/catch lines, not a check(() -> ...) helper: its lambdas added 19 classes and about 25 ms to a cold
    // start (make bench --baseline, issue 15: 1.58x the JVM floor with them, 1.40x without, in one run).
    private Config load() throws ConfigException {
        VariableNames.check(env, problems, warnings);
        String appId = null;
        SignType signType = null;
        AppPrivateKey appKey = null;
        CertificateMode certificates = null;
        AlipayPublicKey publicKey = null;
        Environment environment = null;
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
        try { appId = appId(); } catch (ConfigException e) { keep(e); }
        try { signType = signType(); } catch (ConfigException e) { keep(e); }
        try { appKey = KeySettings.appKey(required("AP_APP_KEY", "your application private key (PKCS#8 or PKCS#1,"
                + " PEM or bare base64)"), signType, warnings); } catch (ConfigException e) { keep(e); }
        try { certificates = certificates(appKey); } catch (ConfigException e) { keep(e); }
        try { publicKey = verifyingKey(certificates, appKey, signType); } catch (ConfigException e) { keep(e); }
        try { environment = choice("AP_CURRENT_ENV", Environment.values(), Environment.PROD,
                "prod (the default) or sandbox"); } catch (ConfigException e) { keep(e); }
        try { gateway = UrlRules.gateway(optional("AP_GATEWAY_URL"),
                (environment == null ? Environment.PROD : environment).gateway()); } catch (ConfigException e) { keep(e); }
        try { returnUrl = UrlRules.callback("AP_RETURN_URL", optional("AP_RETURN_URL")); } catch (ConfigException e) { keep(e); }
        try { notifyUrl = UrlRules.callback("AP_NOTIFY_URL", optional("AP_NOTIFY_URL")); } catch (ConfigException e) { keep(e); }
        try { token = authToken(); } catch (ConfigException e) { keep(e); }
        try { selectTools = selectTools(); } catch (ConfigException e) { keep(e); }
        try { logFile = logFile(); } catch (ConfigException e) { keep(e); }
        try { timeout = timeout(); } catch (ConfigException e) { keep(e); }
        try { maxRefundAmount = maxRefundAmount(); } catch (ConfigException e) { keep(e); }
        try { confirmRefunds = choice("AP_CONFIRM_REFUNDS", ConfirmRefunds.values(), ConfirmRefunds.AUTO, "auto (the"
                + " default: a person confirms each refund when the client can ask), always (refuse refunds when it"
                + " cannot) or never"); } catch (ConfigException e) { keep(e); }
        try { encryption = KeySettings.encryptKey(optional("AP_ENCRYPT_KEY")); } catch (ConfigException e) { keep(e); }
        throwProblems();
        return new Config(appId, appKey, publicKey, signType, environment, gateway, returnUrl, notifyUrl, token,
                selectTools, logFile, timeout, maxRefundAmount, confirmRefunds, certificates, encryption, warnings);
    }

    /**
     * Certificate mode when any of the three paths is set (all three are then required), else null. Checked
     * here so that public-key mode loads no certificate class at start.
     */
    private CertificateMode certificates(AppPrivateKey appKey) throws ConfigException {
        String[] paths = {optional(CertificateFiles.APP_CERT), optional(CertificateFiles.ALIPAY_CERT),
            optional(CertificateFiles.ROOT_CERT)};
        if (paths[0] == null && paths[1] == null && paths[2] == null) {
            return null;
        }
        return CertificateFiles.load(paths, optional("AP_PUB_KEY") != null, appKey, clock, warnings);
    }

    /** AP_PUB_KEY, or in certificate mode the key of the Alipay certificate. */
    private AlipayPublicKey verifyingKey(CertificateMode certificates, AppPrivateKey appKey, SignType signType)
            throws ConfigException {
        if (certificates == null) {
            if (optional(CertificateFiles.APP_CERT) != null || optional(CertificateFiles.ALIPAY_CERT) != null
                    || optional(CertificateFiles.ROOT_CERT) != null) {
                return null; // certificate mode whose files failed: already reported
            }
            return KeySettings.alipayPublicKey(publicKeyText(), appKey, signType, warnings);
        }
        AlipayPublicKey key = KeySettings.certificateKey(certificates.localKey());
        if (signType != null) {
            KeySettings.checkSize(CertificateFiles.ALIPAY_CERT, key.bits(), signType, warnings);
        }
        return key;
    }

    /** verify-notify's key: the Alipay certificate's in certificate mode, else AP_PUB_KEY. */
    private AlipayPublicKey notifyKey() throws ConfigException {
        if (optional(CertificateFiles.ALIPAY_CERT) == null) {
            return KeySettings.publicKey(publicKeyText());
        }
        if (optional("AP_PUB_KEY") != null) {
            throw new ConfigException("AP_PUB_KEY must be unset in certificate mode: the Alipay key comes from "
                    + CertificateFiles.ALIPAY_CERT + ".");
        }
        return KeySettings.certificateKey(CertificateFiles.alipayCertificate(optional(CertificateFiles.ALIPAY_CERT))
                .getPublicKey());
    }

    /**
     * The trimmed AP_SELECT_TOOLS items, ["all"] when unset. Which names exist is the tools package's business
     * ({@link ToolNames}: an item that names no tool is one more problem each); here only the shape is checked
     * (upstream silently dropped " refundPay"; we trim, and refuse empty items).
     */
    private List<String> selectTools() throws ConfigException {
        String value = optional("AP_SELECT_TOOLS");
        if (value == null) {
            return List.of("all");
        }
        List<String> items = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new ConfigException("AP_SELECT_TOOLS has an empty item in '" + shown(value)
                        + "': use all, or a comma-separated list such as queryPay,refundQuery.");
            }
            items.add(item);
        }
        for (String item : items) {
            String problem = toolNames == null ? null : toolNames.problem(item);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return items;
    }

    /** The enum constant named (in any letter case) by the variable, {@code unset} when it is unset. */
    private <E extends Enum<E>> E choice(String name, E[] values, E unset, String what) throws ConfigException {
        String value = optional(name);
        if (value == null) {
            return unset;
        }
        String lower = value.toLowerCase(Locale.ROOT); // not equalsIgnoreCase, which folds "ſ" to "s"
        for (E e : values) {
            if (e.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return e;
            }
        }
        throw new ConfigException(name + " must be " + what + ", got '" + shown(value) + "'.");
    }

    private void throwProblems() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** The value, or null when the variable is unset or empty (client configs often carry ""). */
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

    private String appId() throws ConfigException {
        String appId = required("AP_APP_ID", "your application's APPID from the Alipay open platform");
        int stray = firstStray(appId, true);
        if (stray >= 0) {
            throw new ConfigException("AP_APP_ID: " + StrayCharacter.describe(appId, stray) + " (an APPID is ASCII"
                    + " letters and digits only, e.g. 2021000000000000).");
        }
        if (appId.length() > 32) {
            throw new ConfigException("AP_APP_ID is " + appId.length() + " characters long: an APPID has at most 32"
                    + " (the APPID shown on the Alipay open platform, e.g. 2021000000000000).");
        }
        return appId;
    }

    private SignType signType() throws ConfigException {
        String value = optional("AP_ENCRYPTION_ALGO");
        SignType type = value == null ? SignType.RSA2 : SignType.named(value.toUpperCase(Locale.ROOT));
        if (type != null) {
            return type;
        }
        throw new ConfigException("AP_ENCRYPTION_ALGO must be RSA2 (SHA256withRSA, the default) or RSA"
                + " (SHA1withRSA), got '" + shown(value) + "'.");
    }

    private String publicKeyText() throws ConfigException {
        return required("AP_PUB_KEY", "the Alipay public key (支付宝公钥) shown beside your app's keys");
    }

    private String authToken() throws ConfigException {
        String value = optional("AP_INVOKE_AUTH_TOKEN");
        if (value == null) {
            return null;
        }
        int stray = firstStray(value, false);
        if (stray >= 0) {
            throw new ConfigException("AP_INVOKE_AUTH_TOKEN: " + StrayCharacter.describe(value, stray)
                    + " (an app_auth_token is visible ASCII only).");
        }
        if (value.length() > 128) {
            throw new ConfigException("AP_INVOKE_AUTH_TOKEN is " + value.length() + " characters long: an"
                    + " app_auth_token has at most 128; paste only the token.");
        }
        return value;
    }

    private Path logFile() throws ConfigException {
        String value = optional("AP_LOG_ENABLED");
        if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new ConfigException("AP_LOG_ENABLED must be true (the default) or false, got '" + shown(value) + "'.");
        }
        if ("false".equalsIgnoreCase(value)) {
            return null;
        }
        String home = optional("HOME");
        if (home == null) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, LOG_FILE_NAME);
    }

    private Duration timeout() throws ConfigException {
        String value = optional("AP_TIMEOUT_MS");
        if (value == null) {
            return Duration.ofMillis(DEFAULT_TIMEOUT_MS);
        }
        long ms = -1;
        if (value.matches("[0-9]{1,9}")) {
            ms = Long.parseLong(value);
        }
        if (ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) {
            throw new ConfigException("AP_TIMEOUT_MS must be a whole number of milliseconds from " + MIN_TIMEOUT_MS
                    + " to " + MAX_TIMEOUT_MS + " (default " + DEFAULT_TIMEOUT_MS + "), got '" + shown(value) + "'.");
        }
        return Duration.ofMillis(ms);
    }

    private BigDecimal maxRefundAmount() throws ConfigException {
        String value = optional("AP_MAX_REFUND_AMOUNT");
        if (value == null) {
            return null;
        }
        // written plainly (no sign, no exponent); the amount rule itself is alipay.Amount's
        try {
            if (value.matches("[0-9]+(\\.[0-9]+)?")) {
                return Amount.parse(value);
            }
        } catch (IllegalArgumentException e) {
            // the same problem as text that is not an amount at all
        }
        throw new ConfigException("AP_MAX_REFUND_AMOUNT must be an amount in yuan from 0.01 to 100000000 with at"
                + " most 2 decimals (e.g. 500 or 99.50), got '" + shown(value) + "'.");
    }

    /**
     * The index of the first character that is not an ASCII letter or digit ({@code alphanumeric}), or not
     * visible ASCII other than a quote; -1 when there is none.
     */
    private static int firstStray(String s, boolean alphanumeric) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = alphanumeric
                    ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    : c > ' ' && c < 0x7F && c != '"' && c != '\'';
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    /** A non-secret value echoed in a message, shortened so a pasted blob is never printed whole. */
    static String shown(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 40; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return value.length() > 40 ? out + "..." : out.toString();
    }
}
