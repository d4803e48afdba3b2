package alipaymcp.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration problems found at start, all of them: each is one line that names the variable and the
 * fix, and never carries a key, token or other secret.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Exit status for a configuration error (sysexits.h EX_CONFIG). */
    public static final int EXIT_STATUS = 78;

    private final List<String> problems;

    public ConfigException(String message) {
        this(List.of(message));
    }

    /** Several problems, in the order they were found; the message has one line per problem. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One line each. */
    public List<String> problems() {
        return problems;
    }

    /** The same problems with every piece of {@code secret} (null: none) removed, see {@link #scrub}. */
    ConfigException scrubbed(String secret) {
        List<String> scrubbed = new ArrayList<>();
        for (String problem : problems) {
            scrubbed.add(scrub(problem, secret));
        }
        return new ConfigException(scrubbed);
    }

    /** The shortest run of a secret removed from messages: shorter runs are too common to mean anything. */
    static final int MIN_SECRET_RUN = 8;

    /**
     * The message with every run of {@link #MIN_SECRET_RUN} or more characters that is also part of
     * {@code secret} replaced by [redacted]: an echoed value is shortened, so it may hold any piece of it.
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
