package alipaymcp.alipay;

/**
 * A key that cannot be used: its message names the problem and how to fix it, never any key material.
 */
public final class KeyException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyException(String message) {
        super(message);
    }
}
