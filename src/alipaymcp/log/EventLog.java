package alipaymcp.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;

/**
 * The optional log file: one timestamped {@code key=value} line per event, created owner-only (an existing file is
 * tightened to 0600), never opened through a symbolic link nor when it is not a regular file (a pipe could block);
 * a log that cannot be written is one warning on stderr, never a crash. It redacts nothing (callers pass only
 * values that are safe to keep); it only makes sure a value cannot forge a line.
 *
 * <p>Opened, with the first event given to {@link #open} as its first line, on first use (an event or
 * {@link #prepare}), which comes after the initialize reply: opening at start cost more than 5 ms of a cold start
 * ({@code make bench --baseline}, issue 15: 1.48x the JVM floor against 1.45x deferred, then 1.40x against 1.20x).
 */
public class EventLog { // not final: a test overrides openChannel with a channel whose writes fail
    private static final EventLog DISABLED = new EventLog(null, Clock.systemUTC(), null, null, new Object[0]);
    private static final Set<PosixFilePermission> OWNER_ONLY = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path file; // null: events are dropped
    private final Clock clock;
    private final PrintStream warnings;
    private final String firstEvent;
    private final Object[] firstKeyValues;
    private WritableByteChannel channel; // guarded by this: null until opened
    private boolean failed; // guarded by this: opening or a write failed, so nothing (more) is written

    EventLog(Path file, Clock clock, PrintStream warnings, String firstEvent, Object[] firstKeyValues) {
        this.file = file;
        this.clock = clock;
        this.warnings = warnings;
        this.firstEvent = firstEvent;
        this.firstKeyValues = firstKeyValues;
    }

    /** A log that drops every event (AP_LOG_ENABLED=false). */
    public static EventLog disabled() {
        return DISABLED;
    }

    /** The log in {@code file}, with {@code firstEvent} as its first line (its values become text only then). */
    public static EventLog open(Path file, Clock clock, PrintStream warnings, String firstEvent,
            Object... firstKeyValues) {
        return new EventLog(file, clock, warnings, firstEvent, firstKeyValues.clone());
    }

    /** Opens the file now if that was not tried yet. */
    public synchronized void prepare() {
        if (file != null) {
            ready();
        }
    }

    /** Writes {@code <UTC time> <event> k1=v1 k2=v2 ...}. */
    public synchronized void event(String event, Object... keyValues) {
        if (file != null && ready()) {
            write(line(event, keyValues));
        }
    }

    /** True while lines can be written. */
    private boolean ready() { // guarded by this
        if (channel == null && !failed) {
            WritableByteChannel opening = null;
            String first;
            try {
                opening = openChannel();
                first = line(firstEvent, firstKeyValues);
            } catch (IOException | RuntimeException e) { // incl. UnsupportedOperationException, SecurityException
                closeAfterFailure(opening, e);
                failed = true;
                warnings.println("mcp-server-alipay: warning: not writing the log file " + file + ": " + reason(e)
                        + " (set AP_LOG_ENABLED=false to silence this)");
                return false;
            }
            channel = opening; // only with its first line ready: nothing can come before it
            write(first);
        }
        return !failed;
    }

    private String line(String event, Object[] keyValues) {
        StringBuilder line = new StringBuilder().append(clock.instant()).append(' ').append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(value(String.valueOf(keyValues[i + 1])));
        }
        return line.append('\n').toString();
    }

    /** Bare when it holds nothing that could end the token or the line, else quoted and escaped. */
    private static String value(String value) {
        boolean quoted = value.isEmpty();
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            quoted |= c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f || c == '\u2028' || c == '\u2029';
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029'
                        ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted ? out.append('"').toString() : value;
    }

    private void write(String line) { // guarded by this; only while !failed
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

    /** The file opened for appending, owner-only. */
    WritableByteChannel openChannel() throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("it is a symbolic link; refusing to write through it");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("it is not a regular file; refusing to write to it"); // a pipe could block
        }
        Set<OpenOption> appendNoFollow = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (posix == null) { // a file system without POSIX permissions
            return FileChannel.open(file, appendNoFollow);
        }
        FileChannel channel = FileChannel.open(file, appendNoFollow, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            posix.setPermissions(OWNER_ONLY); // an existing log (perhaps left world-readable by upstream) too
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(channel, e);
            throw e;
        }
        return channel;
    }

    private static void closeAfterFailure(WritableByteChannel channel, Exception failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e instanceof AccessDeniedException) { // its message is only the path
            return "permission denied (this user may not write that file or its folder)";
        }
        if (e instanceof NoSuchFileException) {
            return "its folder does not exist (is HOME set to a folder that exists?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
