package alipaymcp.config;

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
}
