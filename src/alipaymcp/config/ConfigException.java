package alipaymcp.config;

import java.util.List;

/**
 * The configuration problems found at start, all of them: each is one line that names the variable and the
 * fix, and never carries a key, token or other secret.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    /** sysexits.h EX_CONFIG. */
    public static final int EXIT_STATUS = 78;
    /** Shorter runs of a secret are too common in messages to mean anything. */
    static final int MIN_SECRET_RUN = 8;

    private final List<String> problems;

    public ConfigException(String message) {
        this(List.of(message));
    }

    /** The message has one line per problem, in the order they were found. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * {@code message} with every run of {@link #MIN_SECRET_RUN} or more characters that is also part of
     * {@code secret} (null: none) replaced by [redacted]: an echoed value is shortened, so it may hold any piece.
     */
    static String scrub(String message, String secret) {
        if (secret == null || secret.length() < MIN_SECRET_RUN) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length());
        int i = 0;
        while (i < message.length()) {
            int run = 0; // the longest run from i that is part of the secret
            while (i + run < message.length() && secret.contains(message.substring(i, i + run + 1))) {
                run++;
            }
            if (run >= MIN_SECRET_RUN) {
                out.append("[redacted]");
                i += run;
            } else {
                out.append(message.charAt(i++));
            }
        }
        return out.toString();
    }
}
