package dev.nimbus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.logs.LogRecord;
import dev.nimbus.store.code.CodeStores;
import dev.nimbus.store.logs.LogStores;
import dev.nimbus.store.sql.SqlStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three stores side by side in one data directory, as the server opens them. */
class DataDirectoryTest {
    @TempDir
    Path dataDir;

    @Test
    void aDeploymentTouchesAllThreeStoresUnderOneDataDirectory() throws Exception {
        var zipBytes = new ByteArrayOutputStream();
        try (var zip = new ZipArchiveOutputStream(zipBytes)) {
            zip.putArchiveEntry(new ZipArchiveEntry("app.py"));
            zip.write("def handler(event, context):\n    return 'hi'\n".getBytes());
            zip.closeArchiveEntry();
        }
        Instant now = Instant.parse("2026-01-02T03:04:05Z");

        try (var sql = SqlStore.sqlite(dataDir); var logs = LogStores.onDisk(dataDir)) {
            var code = CodeStores.onDisk(dataDir);
            var stored = code.put(new ByteArrayInputStream(zipBytes.toByteArray()));
            var revision = sql.functions().createRevision("hello", FunctionConfig.of(Runtime.PYTHON3, "app.handler"),
                    stored.sha256(), stored.size(), now);
            Path tree = code.unpacked(revision.codeSha256());
            logs.append(new LogRecord(now, "hello", revision.revision(), "r1", "hi"));

            assertThat(tree.resolve("app.py")).exists();
            assertThat(logs.tail("hello", 10)).extracting(LogRecord::message).containsExactly("hi");
        }
        assertThat(dataDir.resolve("nimbus.db")).isRegularFile();
        assertThat(dataDir.resolve("code/sha256")).isDirectory();
        assertThat(dataDir.resolve("logs/hello.log")).isRegularFile();
    }
}
