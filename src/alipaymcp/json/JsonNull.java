package alipaymcp.json;

/** JSON {@code null}: a single instance. */
public enum JsonNull implements JsonValue {
    NULL
}
