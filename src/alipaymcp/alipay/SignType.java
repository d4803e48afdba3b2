package alipaymcp.alipay;

/**
 * The request and response signature algorithm, chosen by AP_ENCRYPTION_ALGO only: a response or a
 * notification never picks it. Both are RSA PKCS#1 v1.5.
 */
public enum SignType {
    RSA2("SHA256withRSA"), // Alipay's recommended and upstream's default
    RSA("SHA1withRSA"); // legacy

    private final String jcaAlgorithm;

    SignType(String jcaAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
    }

    /** The sign type named exactly {@code name} ("RSA2" or "RSA"), or null for anything else. */
    public static SignType named(String name) {
        for (SignType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }
}
