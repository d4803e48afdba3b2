package alipaymcp.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;

/**
 * The optional log file: one timestamped {@code key=value} line per event. It is created owner-only (0600),
 * an existing file is tightened to 0600, it is never opened through a symbolic link, and a log that cannot be
 * written is one warning on stderr, never a crash. Callers pass only values that are safe to keep: this
 * class adds no redaction of its own, it only makes sure a value cannot forge a line.
 */
public final class EventLog {
    // Set.of, not EnumSet: EnumSet reflects on the enum when the class loads, at start-up.
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<OpenOption> APPEND_NO_FOLLOW = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final EventLog DISABLED = new EventLog(null, Clock.systemUTC(), null);

    private final FileChannel channel;
    private final Clock clock;
    private final PrintStream warnings;
    private boolean failed;

    private EventLog(FileChannel channel, Clock clock, PrintStream warnings) {
        this.channel = channel;
        this.clock = clock;
        this.warnings = warnings;
    }

    /** A log that drops every event (AP_LOG_ENABLED=false). */
    public static EventLog disabled() {
        return DISABLED;
    }

    /** Opens (or creates) the log; on any problem prints one warning and returns a disabled log. */
    public static EventLog open(Path file, Clock clock, PrintStream warnings) {
        try {
            return new EventLog(openOwnerOnly(file), clock, warnings);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            warnings.println("mcp-server-alipay: warning: not writing the log file " + file + ": " + reason(e)
                    + " (set AP_LOG_ENABLED=false to silence this)");
            return DISABLED;
        }
    }

    private static FileChannel openOwnerOnly(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("it is a symbolic link; refusing to write through it");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file.getParent() == null ? file : file.getParent(),
                PosixFileAttributeView.class);
        FileChannel channel;
        if (posix != null) {
            channel = FileChannel.open(file, APPEND_NO_FOLLOW, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            tighten(file);
        } else {
            channel = FileChannel.open(file, APPEND_NO_FOLLOW);
        }
        return channel;
    }

    /** An existing log (perhaps left world-readable by upstream) is narrowed to owner-only. */
    private static void tighten(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null && !view.readAttributes().permissions().equals(OWNER_ONLY)) {
            view.setPermissions(OWNER_ONLY);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public boolean enabled() {
        return channel != null;
    }

    /**
     * Writes {@code <UTC time> <event> k1=v1 k2=v2 ...}. Values with spaces, quotes, '=' or control characters
     * are quoted and escaped, so no value can start a new line or fake a field.
     */
    public void event(String event, Object... keyValues) {
        if (channel == null) {
            return;
        }
        StringBuilder line = new StringBuilder(96).append(clock.instant()).append(' ').append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=');
            LogValue.append(line, String.valueOf(keyValues[i + 1]));
        }
        line.append('\n');
        write(line.toString());
    }

    private synchronized void write(String line) {
        if (failed) {
            return;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            failed = true;
            warnings.println("mcp-server-alipay: warning: the log file can no longer be written (" + reason(e)
                    + "); carrying on without it");
        }
    }
}
