package dev.nimbus.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceArchiveTest {
    @TempDir
    Path dir;

    @Test
    void storesRelativeForwardSlashPathsAndSkipsCachesAndGit() throws IOException {
        write("app.py", "print('hi')");
        write("nimbus.yaml", "runtime: python3");
        write("lib/util/helpers.py", "x = 1");
        write("bootstrap", "#!/bin/sh");
        write(".git/HEAD", "ref");
        write("__pycache__/app.cpython-313.pyc", "");
        write("lib/__pycache__/x.pyc", "");
        write("node_modules/left-pad/index.js", "module.exports = 1");
        write("node_modules/.cache/babel/x.json", "{}");
        write(".gitignore", "*.pyc");

        byte[] zip = SourceArchive.zipDirectory(dir);

        assertThat(DeployCommandTest.entries(zip)).containsExactly(
                ".gitignore", "app.py", "bootstrap", "lib/util/helpers.py", "nimbus.yaml",
                "node_modules/left-pad/index.js");
        assertThat(content(zip, "lib/util/helpers.py")).isEqualTo("x = 1");
    }

    @Test
    void unchangedDirectoryZipsToTheSameBytes() throws IOException {
        write("b.py", "b");
        write("a/a.py", "a");
        byte[] first = SourceArchive.zipDirectory(dir);
        Files.setLastModifiedTime(dir.resolve("b.py"), java.nio.file.attribute.FileTime.fromMillis(0));

        assertThat(SourceArchive.zipDirectory(dir)).isEqualTo(first);
    }

    @Test
    void symbolicLinksToFilesAreStoredAsTheirTarget() throws IOException {
        write("real.txt", "data");
        Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("real.txt"));
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("loop"), dir);

        byte[] zip = SourceArchive.zipDirectory(dir);

        assertThat(DeployCommandTest.entries(zip)).containsExactly("link.txt", "real.txt");
        assertThat(content(zip, "link.txt")).isEqualTo("data");
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String content(byte[] zip, String name) throws IOException {
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " not in archive");
    }
}
