package alipaymcp.mcp;

/**
 * The handshake revisions this server speaks, oldest first, and what each one may carry. Output is
 * gated by the negotiated revision: a client of an older revision never sees fields it does not know.
 */
enum Protocol {
    V2024_11_05("2024-11-05"),
    V2025_03_26("2025-03-26"),
    V2025_06_18("2025-06-18"),
    V2025_11_25("2025-11-25");

    /** What a client asking for a revision we do not know gets (the spec says: our latest). */
    static final Protocol LATEST = V2025_11_25;

    private final String version;

    Protocol(String version) {
        this.version = version;
    }

    String version() {
        return version;
    }

    /** The requested revision when we speak it, else our latest; never an error. */
    static Protocol negotiate(String requested) {
        for (Protocol p : values()) {
            if (p.version.equals(requested)) {
                return p;
            }
        }
        return LATEST;
    }

    /** JSON-RPC batches exist only in 2025-03-26 (added there, removed in 2025-06-18). */
    boolean allowsBatches() {
        return this == V2025_03_26;
    }

    /** Tool {@code annotations}: from 2025-03-26. */
    boolean hasToolAnnotations() {
        return compareTo(V2025_03_26) >= 0;
    }

    /** Tool {@code title}, {@code outputSchema} and result {@code structuredContent}: from 2025-06-18. */
    boolean hasStructuredOutput() {
        return compareTo(V2025_06_18) >= 0;
    }

    /** A server may ask the person through {@code elicitation/create}: from 2025-06-18. */
    boolean hasElicitation() {
        return compareTo(V2025_06_18) >= 0;
    }

    /** {@code elicitation/create} names its {@code mode} ("form" or "url"): from 2025-11-25. */
    boolean namesElicitationMode() {
        return compareTo(V2025_11_25) >= 0;
    }
}
