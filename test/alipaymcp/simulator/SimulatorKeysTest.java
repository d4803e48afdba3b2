package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key folder: created owner-only, reused, and refused when partial or broken. */
class SimulatorKeysTest {
    @TempDir
    Path tmp;

    private static final String[] FILES = {SimulatorKeys.APP_ID, SimulatorKeys.APP_PRIVATE, SimulatorKeys.APP_PUBLIC,
        SimulatorKeys.ALIPAY_PRIVATE, SimulatorKeys.ALIPAY_PUBLIC};

    @Test
    void loadOrCreate_createsOwnerOnlyFilesAndReusesThem() throws Exception {
        Path dir = TestKeys.options().keysDir();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (String name : FILES) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve(SimulatorKeys.APP_ID)).strip()).isEqualTo(SimulatorKeys.DEFAULT_APP_ID);
        assertThat(Files.readString(dir.resolve(SimulatorKeys.APP_PRIVATE))).startsWith("MII").doesNotContain("BEGIN");
        SimulatorKeys again = SimulatorKeys.loadOrCreate(dir);
        assertThat(SimulatorKeys.base64(again.app().getPrivate().getEncoded()))
                .isEqualTo(Files.readString(dir.resolve(SimulatorKeys.APP_PRIVATE)).strip());
        assertThat(SimulatorKeys.base64(again.platform().getPublic().getEncoded()))
                .isEqualTo(Files.readString(dir.resolve(SimulatorKeys.ALIPAY_PUBLIC)).strip());
    }

    @Test
    void loadOrCreate_keepsAnEditedAppId() throws Exception {
        Path dir = copyOfTestKeys();
        Files.writeString(dir.resolve(SimulatorKeys.APP_ID), "2021000000000042\n");
        assertThat(SimulatorKeys.loadOrCreate(dir).appId()).isEqualTo("2021000000000042");
        Files.writeString(dir.resolve(SimulatorKeys.APP_ID), "not an id!");
        assertThatThrownBy(() -> SimulatorKeys.loadOrCreate(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("app_id.txt");
    }

    @Test
    void loadOrCreate_refusesAPartialFolder() throws Exception {
        Path dir = copyOfTestKeys();
        Files.delete(dir.resolve(SimulatorKeys.ALIPAY_PUBLIC));
        assertThatThrownBy(() -> SimulatorKeys.loadOrCreate(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds only some of");
    }

    @Test
    void loadOrCreate_refusesMismatchedOrBrokenKeys() throws Exception {
        Path dir = copyOfTestKeys();
        Files.copy(dir.resolve(SimulatorKeys.ALIPAY_PUBLIC), dir.resolve(SimulatorKeys.APP_PUBLIC),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> SimulatorKeys.loadOrCreate(dir)).hasMessageContaining("is not the public half of");
        Files.writeString(dir.resolve(SimulatorKeys.APP_PRIVATE), "bm90IGEga2V5");
        assertThatThrownBy(() -> SimulatorKeys.loadOrCreate(dir)).hasMessageContaining("PKCS#8 base64")
                .hasMessageNotContaining("bm90IGEga2V5");
    }

    private Path copyOfTestKeys() throws IOException {
        Path source = TestKeys.options().keysDir();
        Path dir = Files.createDirectory(tmp.resolve("keys"));
        for (String name : FILES) {
            Files.copy(source.resolve(name), dir.resolve(name));
        }
        return dir;
    }
}
