package alipaymcp.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T01:02:03.456Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PrintStream warnings = new PrintStream(stderr, true, StandardCharsets.UTF_8);

    private String warningsText() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void open_createsTheFileOwnerOnly() throws Exception {
        Path file = dir.resolve("mcp-server-alipay.log");
        EventLog.open(file, CLOCK, warnings, "start", "version", "1.0.0").prepare();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("2026-11-26T01:02:03.456Z start version=1.0.0\n");
        assertThat(warningsText()).isEmpty();
    }

    @Test
    void open_tightensAnExistingWorldReadableLog() throws Exception {
        Path file = dir.resolve("mcp-server-alipay.log");
        Files.writeString(file, "[api]args: AP_APP_ID is 2021\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        EventLog.open(file, CLOCK, warnings, "start").prepare();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void open_refusesASymbolicLinkPlantedAtThePath() throws Exception {
        Path target = dir.resolve("elsewhere.txt");
        Files.writeString(target, "");
        Path file = dir.resolve("mcp-server-alipay.log");
        Files.createSymbolicLink(file, target);
        EventLog log = EventLog.open(file, CLOCK, warnings, "start");
        log.event("start");
        assertThat(Files.readString(target)).isEmpty();
        assertThat(warningsText()).contains("symbolic link").contains("AP_LOG_ENABLED=false");
    }

    @Test
    void open_warnsAndCarriesOnWhenTheDirectoryIsMissing() {
        EventLog log = EventLog.open(dir.resolve("no/such/dir/mcp-server-alipay.log"), CLOCK, warnings, "start");
        log.event("call", "tool", "query-alipay-payment");
        assertThat(warningsText()).startsWith("mcp-server-alipay: warning: not writing the log file")
                .contains(": its folder does not exist (is HOME set to a folder that exists?)");
    }

    @Test
    void event_quotesValuesSoNoneCanForgeALine() throws Exception {
        Path file = dir.resolve("log");
        EventLog log = EventLog.open(file, CLOCK, warnings, "start");
        log.event("call", "outTradeNo", "T1\nfake line=1", "title", "a \"b\" c", "empty", "", "ok", "x-1");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly("2026-11-26T01:02:03.456Z start", "2026-11-26T01:02:03.456Z call outTradeNo=\"T1\\nfake line=1\""
                + " title=\"a \\\"b\\\" c\" empty=\"\" ok=x-1");
    }

    @Test
    void open_touchesNoFileUntilFirstUse_thenWritesTheFirstEventOnce() throws Exception {
        Path file = dir.resolve("mcp-server-alipay.log");
        EventLog log = EventLog.open(file, CLOCK, warnings, "start", "version", "1.0.0");
        assertThat(file).doesNotExist();
        log.prepare();
        log.prepare();
        assertThat(Files.readString(file)).isEqualTo("2026-11-26T01:02:03.456Z start version=1.0.0\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void firstEvent_isTheFirstLineWhicheverEventOpensTheFile() throws Exception {
        Path file = dir.resolve("log");
        EventLog log = EventLog.open(file, CLOCK, warnings, "start", "version", "1.0.0");
        log.event("call", "tool", "query-alipay-payment");
        assertThat(Files.readAllLines(file)).containsExactly("2026-11-26T01:02:03.456Z start version=1.0.0",
                "2026-11-26T01:02:03.456Z call tool=query-alipay-payment");
    }

    @Test
    void firstEvent_valuesBecomeTextOnlyWhenWritten() throws Exception {
        AtomicInteger shown = new AtomicInteger();
        Object settings = new Object() {
            @Override
            public String toString() {
                shown.incrementAndGet();
                return "Config[redacted]";
            }
        };
        Path file = dir.resolve("log");
        EventLog log = EventLog.open(file, CLOCK, warnings, "start", "config", settings);
        assertThat(shown).hasValue(0);
        log.prepare();
        assertThat(shown).hasValue(1);
        assertThat(Files.readString(file)).isEqualTo("2026-11-26T01:02:03.456Z start config=Config[redacted]\n");
    }

    @Test
    void firstEvent_thatCannotBeWrittenIsOneWarning_andNoLineIsWrittenWithoutIt() throws Exception {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("a bug in toString");
            }
        };
        Path file = dir.resolve("log");
        EventLog log = EventLog.open(file, CLOCK, warnings, "start", "config", broken);
        log.prepare();
        log.event("call", "tool", "query-alipay-payment");
        assertThat(file).isEmptyFile();
        assertThat(warningsText()).startsWith("mcp-server-alipay: warning: not writing the log file")
                .contains("a bug in toString").containsOnlyOnce("warning");
    }

    @Test
    void open_warnsOnFirstUseAndOnlyOnce() {
        EventLog log = EventLog.open(dir.resolve("no/such/dir/mcp-server-alipay.log"), CLOCK, warnings, "start");
        assertThat(warningsText()).isEmpty();
        log.prepare();
        log.event("call", "tool", "query-alipay-payment");
        assertThat(warningsText()).startsWith("mcp-server-alipay: warning: not writing the log file")
                .containsOnlyOnce("warning");
    }

    @Test
    void event_aLogThatStopsTakingWritesIsOneWarningThenSilence() {
        AtomicInteger writes = new AtomicInteger();
        WritableByteChannel full = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer bytes) throws IOException {
                writes.incrementAndGet();
                throw new IOException("No space left on device");
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        EventLog log = new EventLog(dir.resolve("mcp-server-alipay.log"), CLOCK, warnings, "start", new Object[0]) {
            @Override
            WritableByteChannel openChannel() {
                return full;
            }
        };
        log.event("call", "n", "1");
        log.event("call", "n", "2");
        assertThat(writes).as("nothing is tried after the first failure").hasValue(1);
        assertThat(warningsText()).isEqualTo("mcp-server-alipay: warning: the log file can no longer be written"
                + " (No space left on device); carrying on without it\n");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening a pipe nobody reads blocks
    void open_refusesAPipeAtThePathInsteadOfWaitingOnIt() throws Exception {
        Path pipe = dir.resolve("mcp-server-alipay.log");
        assumeTrue(mkfifo(pipe), "mkfifo makes a named pipe");
        EventLog log = EventLog.open(pipe, CLOCK, warnings, "start");
        log.event("call", "tool", "refund-alipay-payment");
        assertThat(warningsText()).contains("not a regular file").containsOnlyOnce("warning");
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS)) {
                mkfifo.destroyForcibly();
                return false;
            }
            return mkfifo.exitValue() == 0;
        } catch (IOException e) {
            return false; // no mkfifo on this machine
        }
    }

    @Test
    void disabled_writesNothing() {
        EventLog log = EventLog.disabled();
        log.event("start");
        assertThat(warningsText()).isEmpty();
    }
}
