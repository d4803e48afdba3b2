package alipaymcp.mcp;

import alipaymcp.json.JsonObject;

/**
 * Where the reply to one message goes: straight to stdout, or into its slot of a batch. Every message
 * calls {@link #reply} exactly once, with null when it gets no reply (a notification, a cancelled call).
 */
interface ReplySink {
    void reply(JsonObject response);
}
