package alipaymcp.json;

/**
 * A range of char offsets into a JSON text, end exclusive: where a member's value was written.
 * Alipay signs the raw text of {@code <method>_response}, so the verifier needs the exact source,
 * not a re-serialization.
 */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The raw text this span covers in {@code source}, the text it was taken from. */
    public String slice(String source) {
        return source.substring(start, end);
    }

    public int length() {
        return end - start;
    }
}
