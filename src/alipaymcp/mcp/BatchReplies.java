package alipaymcp.mcp;

import alipaymcp.json.JsonArray;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the replies of one batch (revision 2025-03-26), some of which come from tool worker threads,
 * and writes them as one array line, in element order, once the last one is in. Elements without a reply
 * (notifications, cancelled calls) leave no entry; a batch with no reply at all writes nothing.
 */
final class BatchReplies {
    private final LineWriter writer;
    private final JsonObject[] replies;
    private int pending;

    BatchReplies(int size, LineWriter writer) {
        this.writer = writer;
        this.replies = new JsonObject[size];
        this.pending = size;
    }

    /** The sink for element {@code index}. */
    ReplySink slot(int index) {
        return new Slot(index);
    }

    private void fill(int index, JsonObject reply) {
        List<JsonValue> done;
        synchronized (this) {
            replies[index] = reply;
            if (--pending > 0) {
                return;
            }
            done = new ArrayList<>(replies.length);
            for (JsonObject r : replies) {
                if (r != null) {
                    done.add(r);
                }
            }
        }
        if (!done.isEmpty()) {
            writer.writeLine(new JsonArray(done).toJson());
        }
    }

    private final class Slot implements ReplySink {
        private final int index;

        Slot(int index) {
            this.index = index;
        }

        @Override
        public void reply(JsonObject response) {
            fill(index, response);
        }
    }
}
