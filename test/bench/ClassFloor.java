import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The JVM floor plus class loading, for make bench: before its first answer it loads {@value #CLASSES} tiny
 * classes from its own jar (C01 calls C02 and so on, as a server's code reaches its own classes), then
 * behaves exactly like Floor. (this - Floor) / CLASSES is what one application class costs a cold JVM here:
 * the part of start-up that grows with the number of classes a program loads before it answers.
 */
public final class ClassFloor {
    static final int CLASSES = 40;
    private static final byte[] REPLY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n".getBytes(StandardCharsets.UTF_8);

    private ClassFloor() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        if (C01.touch() != CLASSES) {
            throw new AssertionError("the chain of classes is broken");
        }
        while (in.readLine() != null) {
            out.write(REPLY);
            out.flush();
        }
    }

    static final class C01 { static int touch() { return 1 + C02.touch(); } }
    static final class C02 { static int touch() { return 1 + C03.touch(); } }
    static final class C03 { static int touch() { return 1 + C04.touch(); } }
    static final class C04 { static int touch() { return 1 + C05.touch(); } }
    static final class C05 { static int touch() { return 1 + C06.touch(); } }
    static final class C06 { static int touch() { return 1 + C07.touch(); } }
    static final class C07 { static int touch() { return 1 + C08.touch(); } }
    static final class C08 { static int touch() { return 1 + C09.touch(); } }
    static final class C09 { static int touch() { return 1 + C10.touch(); } }
    static final class C10 { static int touch() { return 1 + C11.touch(); } }
    static final class C11 { static int touch() { return 1 + C12.touch(); } }
    static final class C12 { static int touch() { return 1 + C13.touch(); } }
    static final class C13 { static int touch() { return 1 + C14.touch(); } }
    static final class C14 { static int touch() { return 1 + C15.touch(); } }
    static final class C15 { static int touch() { return 1 + C16.touch(); } }
    static final class C16 { static int touch() { return 1 + C17.touch(); } }
    static final class C17 { static int touch() { return 1 + C18.touch(); } }
    static final class C18 { static int touch() { return 1 + C19.touch(); } }
    static final class C19 { static int touch() { return 1 + C20.touch(); } }
    static final class C20 { static int touch() { return 1 + C21.touch(); } }
    static final class C21 { static int touch() { return 1 + C22.touch(); } }
    static final class C22 { static int touch() { return 1 + C23.touch(); } }
    static final class C23 { static int touch() { return 1 + C24.touch(); } }
    static final class C24 { static int touch() { return 1 + C25.touch(); } }
    static final class C25 { static int touch() { return 1 + C26.touch(); } }
    static final class C26 { static int touch() { return 1 + C27.touch(); } }
    static final class C27 { static int touch() { return 1 + C28.touch(); } }
    static final class C28 { static int touch() { return 1 + C29.touch(); } }
    static final class C29 { static int touch() { return 1 + C30.touch(); } }
    static final class C30 { static int touch() { return 1 + C31.touch(); } }
    static final class C31 { static int touch() { return 1 + C32.touch(); } }
    static final class C32 { static int touch() { return 1 + C33.touch(); } }
    static final class C33 { static int touch() { return 1 + C34.touch(); } }
    static final class C34 { static int touch() { return 1 + C35.touch(); } }
    static final class C35 { static int touch() { return 1 + C36.touch(); } }
    static final class C36 { static int touch() { return 1 + C37.touch(); } }
    static final class C37 { static int touch() { return 1 + C38.touch(); } }
    static final class C38 { static int touch() { return 1 + C39.touch(); } }
    static final class C39 { static int touch() { return 1 + C40.touch(); } }
    static final class C40 { static int touch() { return 1; } }
}
