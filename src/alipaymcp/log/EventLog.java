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
 *
 * <p>The file is opened on first use (the first event, {@link #prepare} or {@link #enabled}), not by
 * {@link #open}: opening it and writing the first timestamped line cost about 10 ms of a cold start (measured),
 * so the server does both after its initialize reply. A first event given to {@link #open} is always the
 * file's first line of the session, whichever thread opens it.
 */
public final class EventLog {
    private static final Object[] NO_VALUES = {};
    private static final EventLog DISABLED = new EventLog(null, Clock.systemUTC(), null, null, NO_VALUES);

    private final Path file; // null: events are dropped
    private final Clock clock;
    private final PrintStream warnings;
    private final String firstEvent; // or null
    private final Object[] firstKeyValues;
    private boolean opened; // guarded by this: opening was tried
    private FileChannel channel; // guarded by this: null until opened, and for good if opening failed
    private boolean failed; // guarded by this: a write failed, so nothing more is written

    private EventLog(Path file, Clock clock, PrintStream warnings, String firstEvent, Object[] firstKeyValues) {
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

    /** The log in {@code file}, opened (or created) on first use; a problem then is one warning, and no log. */
    public static EventLog open(Path file, Clock clock, PrintStream warnings) {
        return new EventLog(file, clock, warnings, null, NO_VALUES);
    }

    /**
     * As {@link #open(Path, Clock, PrintStream)}, and {@code firstEvent} is written first when the file opens.
     * Its values become text only then, so a costly {@code toString} is not paid at start-up either.
     */
    public static EventLog open(Path file, Clock clock, PrintStream warnings, String firstEvent,
            Object... firstKeyValues) {
        return new EventLog(file, clock, warnings, firstEvent, firstKeyValues.clone());
    }

    /** Opens the file now if that was not tried yet, so that the first event does not wait for it. */
    public void prepare() {
        if (file != null) {
            synchronized (this) {
                ready();
            }
        }
    }

    /** True when events are being written (this opens the file if that was not tried yet). */
    public boolean enabled() {
        if (file == null) {
            return false;
        }
        synchronized (this) {
            return ready();
        }
    }

    /**
     * Writes {@code <UTC time> <event> k1=v1 k2=v2 ...}. Values with spaces, quotes, '=' or control characters
     * are quoted and escaped, so no value can start a new line or fake a field.
     */
    public void event(String event, Object... keyValues) {
        if (file == null) {
            return;
        }
        synchronized (this) {
            if (ready()) {
                write(line(event, keyValues));
            }
        }
    }

    /** Opens the file on the first call and writes the first event; true while lines can be written. */
    private boolean ready() { // guarded by this
        if (!opened) {
            opened = true;
            try {
                channel = openOwnerOnly(file);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                warnings.println("mcp-server-alipay: warning: not writing the log file " + file + ": " + reason(e)
                        + " (set AP_LOG_ENABLED=false to silence this)");
                return false;
            }
            if (firstEvent != null) {
                write(line(firstEvent, firstKeyValues));
            }
        }
        return channel != null && !failed;
    }

    private String line(String event, Object[] keyValues) {
        StringBuilder line = new StringBuilder(96).append(clock.instant()).append(' ').append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=');
            LogValue.append(line, String.valueOf(keyValues[i + 1]));
        }
        return line.append('\n').toString();
    }

    private void write(String line) { // guarded by this
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

    private static FileChannel openOwnerOnly(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("it is a symbolic link; refusing to write through it");
        }
        // Set.of, not EnumSet: EnumSet reflects on the enum when it is first used.
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Set<OpenOption> appendNoFollow = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView posix = Files.getFileAttributeView(file.getParent() == null ? file : file.getParent(),
                PosixFileAttributeView.class);
        FileChannel channel;
        if (posix != null) {
            channel = FileChannel.open(file, appendNoFollow, PosixFilePermissions.asFileAttribute(ownerOnly));
            tighten(file, ownerOnly);
        } else {
            channel = FileChannel.open(file, appendNoFollow);
        }
        return channel;
    }

    /** An existing log (perhaps left world-readable by upstream) is narrowed to owner-only. */
    private static void tighten(Path file, Set<PosixFilePermission> ownerOnly) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null && !view.readAttributes().permissions().equals(ownerOnly)) {
            view.setPermissions(ownerOnly);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
