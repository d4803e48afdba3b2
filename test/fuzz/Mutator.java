
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNull;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutations of a session's lines: byte flips, truncation, random (often invalid) UTF-8, duplication,
 * splicing, deletion and reordering of lines, and on parsed JSON: type swaps of any value (ids, params,
 * arguments), member removal and renaming, huge numbers and strings, deep nesting. One session in ten is
 * left valid so the normal paths keep being exercised under the same checks.
 */
final class Mutator {
    private static final byte[][] NASTY = {
        {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, {0}, {'\r'}, {'\n'}, {'"'}, {'\\'}, {'{'}, {'['}, {']'}, {','}, {(byte) 0xe6, (byte) 0x94},
        {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, {(byte) 0xe2, (byte) 0x80, (byte) 0xa8}, {0x1b},
    };
    private static final String[] NUMBERS = {"0", "-0", "-1", "1.5", "1e2", "1E+400", "1e-400", "9007199254740993",
        "1" + "0".repeat(400), "-" + "9".repeat(400), "0.001", "100000000.01", "19.99"};

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    List<byte[]> mutate(List<byte[]> lines) {
        List<byte[]> out = new ArrayList<>(lines);
        if (random.nextInt(10) == 0) {
            return out;
        }
        for (int n = 1 + random.nextInt(4); n > 0 && !out.isEmpty(); n--) {
            int at = random.nextInt(out.size());
            byte[] line = out.get(at);
            switch (random.nextInt(12)) {
                case 0 -> out.set(at, flip(line));
                case 1 -> out.set(at, Arrays.copyOf(line, random.nextInt(line.length + 1)));
                case 2 -> out.set(at, insert(line, NASTY[random.nextInt(NASTY.length)]));
                case 3 -> out.set(at, insert(line, randomUtf8()));
                case 4 -> out.add(at, line.clone());
                case 5 -> out.set(at, splice(line, out.get(random.nextInt(out.size()))));
                case 6 -> out.remove(at);
                case 7 -> {
                    byte[] moved = out.remove(at);
                    out.add(random.nextInt(out.size() + 1), moved);
                }
                case 8 -> out.set(at, nest(line));
                default -> out.set(at, json(line));
            }
        }
        return out;
    }

    private byte[] flip(byte[] line) {
        byte[] copy = line.clone();
        if (copy.length > 0) {
            int i = random.nextInt(copy.length);
            copy[i] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (copy[i] ^ (1 << random.nextInt(8)));
        }
        return copy;
    }

    private byte[] insert(byte[] line, byte[] piece) {
        int at = random.nextInt(line.length + 1);
        byte[] copy = new byte[line.length + piece.length];
        System.arraycopy(line, 0, copy, 0, at);
        System.arraycopy(piece, 0, copy, at, piece.length);
        System.arraycopy(line, at, copy, at + piece.length, line.length - at);
        return copy;
    }

    private byte[] randomUtf8() {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x110000);
            if (cp < 0xd800 || cp > 0xdfff) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] splice(byte[] a, byte[] b) {
        int cutA = random.nextInt(a.length + 1);
        int cutB = random.nextInt(b.length + 1);
        byte[] copy = Arrays.copyOf(a, cutA + b.length - cutB);
        System.arraycopy(b, cutB, copy, cutA, b.length - cutB);
        return copy;
    }

    /** Wraps the whole line in up to 1,500 arrays or objects (past the parser's depth limit of 512 or not). */
    private byte[] nest(byte[] line) {
        int depth = random.nextInt(4) == 0 ? random.nextInt(1500) : random.nextInt(20);
        boolean objects = random.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        return (open.repeat(depth) + new String(line, StandardCharsets.UTF_8) + close.repeat(depth))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON-aware mutation of a line that parses; a byte flip otherwise. */
    private byte[] json(byte[] line) {
        JsonValue root;
        try {
            root = JsonParser.parse(new String(line, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            return flip(line);
        }
        int target = random.nextInt(size(root));
        return rewrite(root, new int[] {0}, target).toJson().getBytes(StandardCharsets.UTF_8);
    }

    private static int size(JsonValue v) {
        int n = 1;
        if (v instanceof JsonObject o) {
            for (JsonValue m : o.members().values()) {
                n += size(m);
            }
        } else if (v instanceof JsonArray a) {
            for (JsonValue e : a.elements()) {
                n += size(e);
            }
        }
        return n;
    }

    /** Rebuilds {@code v}, changing the node whose pre-order index is {@code target}. */
    private JsonValue rewrite(JsonValue v, int[] index, int target) {
        if (index[0]++ == target) {
            return change(v);
        }
        if (v instanceof JsonObject o) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            o.members().forEach((k, m) -> members.put(k, rewrite(m, index, target)));
            return new JsonObject(members);
        }
        if (v instanceof JsonArray a) {
            List<JsonValue> elements = new ArrayList<>();
            a.elements().forEach(e -> elements.add(rewrite(e, index, target)));
            return new JsonArray(elements);
        }
        return v;
    }

    private JsonValue change(JsonValue v) {
        if (v instanceof JsonObject o && !o.members().isEmpty() && random.nextBoolean()) {
            Map<String, JsonValue> members = new LinkedHashMap<>(o.members());
            String key = new ArrayList<>(members.keySet()).get(random.nextInt(members.size()));
            JsonValue value = members.remove(key);
            if (random.nextBoolean()) {
                members.put(random.nextBoolean() ? key.toUpperCase() : key + "\u0000", value);
            }
            return new JsonObject(members);
        }
        return randomValue(0);
    }

    private JsonValue randomValue(int depth) {
        switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0:
                return new JsonString(randomString());
            case 1:
                return new JsonNumber(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 2:
                return JsonBoolean.of(random.nextBoolean());
            case 3:
                return JsonNull.NULL;
            case 4:
                return new JsonString("x".repeat(random.nextInt(4) == 0 ? 100_000 : 65));
            case 5:
                return new JsonString(random.nextBoolean() ? "2.0" : "tools/call");
            case 6:
                return new JsonArray(List.of(randomValue(depth + 1), randomValue(depth + 1)));
            case 7:
                // A builder, not Map.of: Map.of's order changes from one JVM to the next, and a session must
                // depend only on (seed, i) to be replayed with --only.
                return JsonObject.builder().put("name", randomValue(depth + 1)).put("arguments", randomValue(depth + 1))
                        .build();
            default:
                return new JsonObject(Map.of());
        }
    }

    private String randomString() {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            int kind = random.nextInt(5);
            s.append(kind == 0 ? (char) random.nextInt(0x20) : kind == 1 ? (char) (0xd800 + random.nextInt(0x800))
                    : kind == 2 ? (char) random.nextInt(0x10000) : (char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
