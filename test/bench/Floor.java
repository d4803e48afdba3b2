import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The JVM floor of a stdio server, for make bench: it answers every line with one fixed JSON-RPC line
 * and exits at end of input. Written the way a careful server would start (UTF-8 reader, raw stdout),
 * with no string concatenation or lambda, so it costs only what any Java stdio program must pay.
 */
public final class Floor {
    private static final byte[] REPLY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n".getBytes(StandardCharsets.UTF_8);

    private Floor() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        while (in.readLine() != null) {
            out.write(REPLY);
            out.flush();
        }
    }
}
