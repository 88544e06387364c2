package dev.nimbus.store.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void countsEntriesAndStopsJustPastTheLimit() throws Exception {
        var zip = new TestZip();
        for (int i = 0; i < 50; i++) {
            zip.file("f" + i + ".txt", "x".repeat(i));
        }
        Path file = Files.write(dir.resolve("a.zip"), zip.bytes());

        assertThat(CentralDirectory.count(file, 1000)).isEqualTo(50);
        assertThat(CentralDirectory.count(file, 10)).isEqualTo(11);
    }

    @Test
    void findsNothingInAFileThatIsNotAZip() throws Exception {
        Path file = Files.writeString(dir.resolve("a.zip"), "just text");

        assertThat(CentralDirectory.count(file, 10)).isZero();
    }
}
