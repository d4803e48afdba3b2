package alipaymcp;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * A valid configuration for tests that need keys but no gateway: AP_APP_ID, AP_APP_KEY and AP_PUB_KEY (from two
 * different 2048-bit pairs) and AP_LOG_ENABLED=false. Made once per test run: RSA key generation is slow.
 */
public final class TestConfig {
    private static Map<String, String> env;

    private TestConfig() {
    }

    /** The variables above (unmodifiable; copy to add more). */
    public static synchronized Map<String, String> env() {
        if (env == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                Base64.Encoder base64 = Base64.getEncoder();
                env = Map.of("AP_APP_ID", "2021000000000000",
                        "AP_APP_KEY", base64.encodeToString(generator.generateKeyPair().getPrivate().getEncoded()),
                        "AP_PUB_KEY", base64.encodeToString(generator.generateKeyPair().getPublic().getEncoded()),
                        "AP_LOG_ENABLED", "false");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return env;
    }

    /** A private key (PKCS#8, base64) that belongs to no simulator. */
    public static String appPrivateKey() {
        return env().get("AP_APP_KEY");
    }

    /** A public key (SPKI, base64) that belongs to no simulator. */
    public static String alipayPublicKey() {
        return env().get("AP_PUB_KEY");
    }
}
