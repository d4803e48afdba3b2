package alipaymcp.config;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.CertificateMode;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.KeyException;
import alipaymcp.alipay.SignType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code AP_*} variables into a {@link Config}. Every check happens here, at start, so a typo
 * stops the server before it can send anything anywhere. Keys are parsed structurally only (fast).
 */
public final class ConfigLoader {
    static final int DEFAULT_TIMEOUT_MS = 15_000;
    static final int MIN_TIMEOUT_MS = 100;
    static final int MAX_TIMEOUT_MS = 300_000;
    static final String LOG_FILE_NAME = "mcp-server-alipay.log";

    private final Map<String, String> env;
    private final Clock clock; // certificate dates are checked against it

    private ConfigLoader(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** Loads and checks the configuration from environment variables (empty values count as unset). */
    public static Config load(Map<String, String> env) throws ConfigException {
        return load(env, Clock.systemUTC());
    }

    static Config load(Map<String, String> env, Clock clock) throws ConfigException {
        return new ConfigLoader(env, clock).load();
    }

    /**
     * The settings of {@code verify-notify}: AP_APP_ID, AP_PUB_KEY and AP_ENCRYPTION_ALGO only, so that it can run
     * on a notify host that never holds the private key.
     */
    public static NotifySettings loadForNotify(Map<String, String> env) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(env, Clock.systemUTC());
        String appId = loader.required("AP_APP_ID", "your application's APPID from the Alipay open platform");
        checkAppId(appId);
        SignType signType = loader.signType();
        AlipayPublicKey key;
        if (loader.optional(CertificateFiles.ALIPAY_CERT) != null) { // certificate mode: the Alipay certificate's key
            if (loader.optional("AP_PUB_KEY") != null) {
                throw new ConfigException("AP_PUB_KEY must be unset in certificate mode: the Alipay key comes from "
                        + CertificateFiles.ALIPAY_CERT + ".");
            }
            key = certificateKey(CertificateFiles.alipayCertificate(loader.optional(CertificateFiles.ALIPAY_CERT))
                    .getPublicKey());
        } else {
            key = loader.publicKey();
        }
        checkSize("AP_PUB_KEY", key.bits(), signType, new ArrayList<>());
        return new NotifySettings(appId, key, signType);
    }

    private Config load() throws ConfigException {
        List<String> warnings = new ArrayList<>();
        String appId = required("AP_APP_ID", "your application's APPID from the Alipay open platform");
        checkAppId(appId);
        SignType signType = signType();
        AppPrivateKey appKey = appKey(signType, warnings);
        String[] certificatePaths = {optional(CertificateFiles.APP_CERT), optional(CertificateFiles.ALIPAY_CERT),
            optional(CertificateFiles.ROOT_CERT)};
        boolean certificateMode = certificatePaths[0] != null || certificatePaths[1] != null
                || certificatePaths[2] != null; // checked here: public-key mode loads no certificate class at start
        CertificateMode certificates = certificateMode ? CertificateFiles.load(certificatePaths,
                optional("AP_PUB_KEY") != null, appKey, clock, warnings) : null;
        AlipayPublicKey publicKey;
        if (certificates == null) {
            publicKey = alipayPublicKey(appKey, signType, warnings);
        } else {
            publicKey = certificateKey(certificates.localKey());
            checkSize(CertificateFiles.ALIPAY_CERT, publicKey.bits(), signType, warnings);
        }
        Environment environment = environment();
        return new Config(
                appId,
                appKey,
                publicKey,
                signType,
                environment,
                UrlRules.gateway(optional("AP_GATEWAY_URL"), environment.gateway()),
                UrlRules.callback("AP_RETURN_URL", optional("AP_RETURN_URL")),
                UrlRules.callback("AP_NOTIFY_URL", optional("AP_NOTIFY_URL")),
                authToken(),
                SelectTools.parse(optional("AP_SELECT_TOOLS")),
                logFile(),
                timeout(),
                maxRefundAmount(),
                certificates,
                encryptKey(),
                warnings);
    }

    /** The Alipay certificate's key in the form AP_PUB_KEY takes (an X.509 SubjectPublicKeyInfo). */
    private static AlipayPublicKey certificateKey(PublicKey key) throws ConfigException {
        try {
            return AlipayPublicKey.parse(Base64.getEncoder().encodeToString(key.getEncoded()));
        } catch (KeyException e) {
            throw new ConfigException(CertificateFiles.ALIPAY_CERT + ": its certificate's key " + e.getMessage());
        }
    }

    /** AP_ENCRYPT_KEY: AES content encryption of the API calls, or null when unset. */
    private ContentCipher encryptKey() throws ConfigException {
        String value = optional("AP_ENCRYPT_KEY");
        if (value == null) {
            return null;
        }
        try {
            return ContentCipher.parse(value);
        } catch (KeyException e) {
            throw new ConfigException("AP_ENCRYPT_KEY " + e.getMessage() + ".");
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

    private static void checkAppId(String appId) throws ConfigException {
        if (appId.length() > 32 || !isAsciiAlphanumeric(appId)) {
            throw new ConfigException("AP_APP_ID must be 1 to 32 ASCII letters or digits (the APPID shown on the"
                    + " Alipay open platform, e.g. 2021000000000000); check for spaces or quotes.");
        }
    }

    private static boolean isAsciiAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private SignType signType() throws ConfigException {
        String value = optional("AP_ENCRYPTION_ALGO");
        if (value == null || value.equals("RSA2")) {
            return SignType.RSA2;
        }
        if (value.equals("RSA")) {
            return SignType.RSA;
        }
        throw new ConfigException("AP_ENCRYPTION_ALGO must be RSA2 (SHA256withRSA, the default) or RSA"
                + " (SHA1withRSA), got '" + shown(value) + "'.");
    }

    private AppPrivateKey appKey(SignType signType, List<String> warnings) throws ConfigException {
        String text = required("AP_APP_KEY", "your application private key (PKCS#8 or PKCS#1, PEM or bare base64)");
        AppPrivateKey key;
        try {
            key = AppPrivateKey.parse(text);
        } catch (KeyException e) {
            throw new ConfigException("AP_APP_KEY: " + e.getMessage());
        }
        checkSize("AP_APP_KEY", key.bits(), signType, warnings);
        return key;
    }

    private AlipayPublicKey alipayPublicKey(AppPrivateKey appKey, SignType signType, List<String> warnings)
            throws ConfigException {
        AlipayPublicKey key = publicKey();
        if (key.isPublicHalfOf(appKey)) {
            throw new ConfigException("AP_PUB_KEY is your application's own public key (应用公钥), not the Alipay"
                    + " public key (支付宝公钥): copy the Alipay public key from the open platform instead.");
        }
        checkSize("AP_PUB_KEY", key.bits(), signType, warnings);
        return key;
    }

    private AlipayPublicKey publicKey() throws ConfigException {
        String text = required("AP_PUB_KEY", "the Alipay public key (支付宝公钥) shown beside your app's keys");
        try {
            return AlipayPublicKey.parse(text);
        } catch (KeyException e) {
            throw new ConfigException("AP_PUB_KEY: " + e.getMessage());
        }
    }

    /** RSA2 needs 2048-bit keys or more; legacy RSA (SHA1) mode still accepts 1024 bits, with a warning. */
    private static void checkSize(String name, int bits, SignType signType, List<String> warnings)
            throws ConfigException {
        if (bits >= 2048) {
            return;
        }
        if (signType == SignType.RSA && bits >= 1024) {
            warnings.add(name + " is a " + bits + "-bit key: accepted in legacy RSA mode, but generate a 2048-bit"
                    + " key and use RSA2 as soon as you can.");
            return;
        }
        throw new ConfigException(name + " is a " + bits + "-bit key: " + signType + " needs at least "
                + (signType == SignType.RSA2 ? 2048 : 1024) + " bits; generate a 2048-bit key pair.");
    }

    private Environment environment() throws ConfigException {
        String value = optional("AP_CURRENT_ENV");
        if (value == null || value.equals("prod")) {
            return Environment.PROD;
        }
        if (value.equals("sandbox")) {
            return Environment.SANDBOX;
        }
        throw new ConfigException("AP_CURRENT_ENV must be prod (the default) or sandbox, got '" + shown(value) + "'.");
    }

    private String authToken() throws ConfigException {
        String value = optional("AP_INVOKE_AUTH_TOKEN");
        if (value != null && (value.length() > 128 || containsWhitespaceOrControl(value))) {
            throw new ConfigException("AP_INVOKE_AUTH_TOKEN must be the app_auth_token string (at most 128"
                    + " characters, no spaces or line breaks); check for stray quotes or spaces.");
        }
        return value;
    }

    private Path logFile() throws ConfigException {
        String value = optional("AP_LOG_ENABLED");
        if (value != null && !value.equals("true") && !value.equals("false")) {
            throw new ConfigException("AP_LOG_ENABLED must be true (the default) or false, got '" + shown(value) + "'.");
        }
        if ("false".equals(value)) {
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
        if (value.length() <= 9 && isDigits(value)) {
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
        BigDecimal amount = AmountText.parse(value);
        if (amount == null) {
            throw new ConfigException("AP_MAX_REFUND_AMOUNT must be an amount in yuan from 0.01 to 100000000 with at"
                    + " most 2 decimals (e.g. 500 or 99.50), got '" + shown(value) + "'.");
        }
        return amount;
    }

    /** One or more ASCII digits. */
    static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    static boolean containsWhitespaceOrControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
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
