package alipaymcp.config;

/**
 * A configuration problem found at start. The message is one line that names the variable and the fix;
 * it never carries a key, token or other secret.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Exit status for a configuration error (sysexits.h EX_CONFIG). */
    public static final int EXIT_STATUS = 78;

    public ConfigException(String message) {
        super(message);
    }
}
