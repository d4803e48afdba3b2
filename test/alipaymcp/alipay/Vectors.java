package alipaymcp.alipay;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the vector files in test/vectors (the repository's copies; see its README) with our own parser. */
final class Vectors {
    /** The folder of the vector files (run-tests.sh passes repo.dir; the default is the working directory). */
    static final Path VECTORS_DIR = Path.of(System.getProperty("repo.dir", "."), "test", "vectors");

    private Vectors() {
    }

    static JsonObject load(String file) {
        Path dir = VECTORS_DIR;
        try {
            String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
            return (JsonObject) JsonParser.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector file " + file + " from " + dir, e);
        } catch (alipaymcp.json.JsonException e) {
            throw new IllegalStateException("vector file " + file + " is not JSON: " + e.getMessage(), e);
        }
    }

    static List<JsonObject> cases(JsonObject file, String member) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue v : ((JsonArray) file.get(member)).elements()) {
            out.add((JsonObject) v);
        }
        return out;
    }

    static String str(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.value() : null;
    }

    static JsonObject obj(JsonObject o, String name) {
        return (JsonObject) o.get(name);
    }

    /** A JSON object of strings as an insertion-ordered map. */
    static LinkedHashMap<String, String> stringMap(JsonObject o) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
            out.put(e.getKey(), ((JsonString) e.getValue()).value());
        }
        return out;
    }

    static JsonObject requestSigning() {
        return load("request-signing.json");
    }

    static String pkcs8() {
        return str(obj(requestSigning(), "key"), "app_private_key_pkcs8_base64");
    }

    static String pkcs1() {
        return str(obj(requestSigning(), "key"), "app_private_key_pkcs1_base64");
    }

    static String appPublic() {
        return str(obj(requestSigning(), "key"), "app_public_key_spki_base64");
    }
}
