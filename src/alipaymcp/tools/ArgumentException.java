package alipaymcp.tools;

/** An invalid tool argument: the message names the argument and the rule, e.g. "totalAmount: at most 2 decimal places, got 1.005". */
final class ArgumentException extends Exception {
    private static final long serialVersionUID = 1L;

    ArgumentException(String argument, String rule) {
        super(argument + ": " + rule);
    }
}
