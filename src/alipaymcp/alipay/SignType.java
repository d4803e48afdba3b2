package alipaymcp.alipay;

/** The signature algorithm (RSA PKCS#1 v1.5), chosen by AP_ENCRYPTION_ALGO only: an answer never picks it. */
public enum SignType {
    RSA2("SHA256withRSA"), // Alipay's recommended and upstream's default
    RSA("SHA1withRSA"); // legacy

    private final String jcaAlgorithm;

    SignType(String jcaAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
    }

    public static SignType named(String name) {
        return "RSA2".equals(name) ? RSA2 : "RSA".equals(name) ? RSA : null;
    }

    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }
}
