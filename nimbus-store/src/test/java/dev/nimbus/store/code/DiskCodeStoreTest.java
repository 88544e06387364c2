package dev.nimbus.store.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.code.CodeStore.StoredCode;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.code.InvalidCodeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiskCodeStoreTest {
    @TempDir
    Path dataDir;
    private CodeStore store;

    @BeforeEach
    void open() throws IOException {
        store = CodeStores.onDisk(dataDir);
    }

    private StoredCode put(byte[] zip) throws IOException {
        return store.put(new ByteArrayInputStream(zip));
    }

    private Path code() {
        return dataDir.resolve("code");
    }

    @Test
    void storesAnArchiveUnderItsSha256() throws Exception {
        byte[] zip = new TestZip().file("app.py", "def handler(e, c): return 1\n").bytes();

        StoredCode stored = put(zip);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
        assertThat(stored).isEqualTo(new StoredCode(expected, zip.length));
        Path file = code().resolve("sha256").resolve(expected.substring(0, 2)).resolve(expected + ".zip");
        assertThat(file).hasBinaryContent(zip);
        assertThat(mode(file)).isEqualTo("r--r--r--");
        assertThat(store.find(expected)).contains(stored);
        assertThat(store.find("0".repeat(64))).isEmpty();
        assertThat(store.find("../../etc/passwd")).isEmpty();
    }

    @Test
    void opensAStoredArchiveWithItsOriginalBytes() throws Exception {
        byte[] zip = new TestZip().file("app.py", "def handler(e, c): return 2\n").bytes();
        StoredCode stored = put(zip);

        try (InputStream in = store.open(stored.sha256()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(zip);
        }
        assertThat(store.open("0".repeat(64))).isEmpty();
        assertThat(store.open("../../etc/passwd")).isEmpty();
        assertThat(store.open(null)).isEmpty();
    }

    @Test
    void theSameBytesTwiceKeepOneCopy() throws Exception {
        byte[] zip = new TestZip().file("index.js", "exports.handler = async () => 1;").bytes();

        StoredCode first = put(zip);
        StoredCode second = put(zip);

        assertThat(second).isEqualTo(first);
        assertThat(filesUnder(code().resolve("sha256"))).hasSize(1);
        assertThat(filesUnder(code().resolve("tmp"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.sh", "a/../../evil.sh", "/etc/cron.d/evil", "C:/evil", "a\\..\\..\\evil"})
    void refusesEntriesThatEscapeTheRoot(String name) throws IOException {
        byte[] zip = new TestZip().file("ok.txt", "fine").file(name, "boom").bytes();

        assertThatThrownBy(() -> put(zip))
                .isInstanceOf(InvalidCodeException.class)
                .hasMessageStartingWith("code archive entry '")
                .hasMessageContaining("evil");
        assertThat(filesUnder(code().resolve("sha256"))).isEmpty();
        assertThat(filesUnder(code().resolve("tmp"))).isEmpty();
    }

    @Test
    void refusesSymlinksPointingOutside() {
        assertRefused(new TestZip().symlink("passwd", "/etc/passwd"), "is a symlink pointing outside the archive");
        assertRefused(new TestZip().symlink("lib/up", "../../etc"), "is a symlink pointing outside the archive");
        assertRefused(new TestZip().symlink("a", ".").symlink("b", "a/.."), "is a symlink pointing outside");
    }

    @Test
    void refusesEntriesBelowAFileOrASymlink() {
        assertRefused(new TestZip().symlink("lib", "sub").file("lib/x.py", "x"), "lies under 'lib'");
        assertRefused(new TestZip().file("lib", "x").file("lib/x.py", "x"), "lies under 'lib'");
    }

    @Test
    void refusesDuplicatesAndSpecialFiles() {
        assertRefused(new TestZip().file("a.py", "1").file("./a.py", "2"), "appears twice");
        assertRefused(new TestZip().special("dev/tty", 0020644), "is a device, FIFO or socket");
    }

    @Test
    void refusesEncryptedEntries() {
        byte[] zip = TestZip.flaggedEncrypted(new TestZip().file("secret.py", "x").bytes());

        assertThatThrownBy(() -> put(zip)).isInstanceOf(InvalidCodeException.class)
                .hasMessage("code archive entry 'secret.py' is encrypted or uses an unsupported compression method");
    }

    @Test
    void refusesATruncatedArchive() {
        byte[] zip = new TestZip().file("a.py", "1".repeat(5000)).file("b.py", "2".repeat(5000)).bytes();
        byte[] half = java.util.Arrays.copyOf(zip, zip.length / 2);

        assertThatThrownBy(() -> put(half)).isInstanceOf(InvalidCodeException.class)
                .hasMessage("code archive is not a readable zip file");
    }

    @Test
    void refusesWhatIsNotAZip() {
        assertThatThrownBy(() -> put("just some text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidCodeException.class)
                .hasMessage("code archive is not a readable zip file");
        assertThatThrownBy(() -> put(new byte[0])).hasMessage("code archive is not a readable zip file");
    }

    @Test
    void refusesCorruptData() {
        var text = new StringBuilder();
        var random = new Random(7);
        while (text.length() < 20_000) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        byte[] zip = new TestZip().file("data.txt", text.toString()).bytes();
        for (int i = 200; i < 240; i++) {
            zip[i] ^= 0x5a;
        }

        assertThatThrownBy(() -> put(zip))
                .isInstanceOf(InvalidCodeException.class)
                .hasMessage("code archive entry 'data.txt' cannot be read: the archive is corrupt");
    }

    @Test
    void stopsReadingAnArchiveLargerThan50MiB() throws IOException {
        var endless = new CountingStream();

        assertThatThrownBy(() -> store.put(endless))
                .isInstanceOf(InvalidCodeException.class)
                .hasMessage("code archive is larger than the limit of 52428800 bytes (50 MiB)");
        assertThat(endless.read).isEqualTo(52_428_801L);
        assertThat(filesUnder(code().resolve("tmp"))).isEmpty();
    }

    @Test
    void refusesTooManyEntries() throws IOException {
        store = CodeStores.onDisk(dataDir, new CodeLimits(1 << 20, 1 << 20, 3));
        var zip = new TestZip().file("a", "1").file("b", "2").file("c", "3");
        put(zip.bytes());

        assertRefused(new TestZip().file("a", "1").file("b", "2").file("c", "3").file("d", "4"),
                "code archive has more than the limit of 3 entries");
    }

    @Test
    void countsTheBytesActuallyUnpackedNotTheDeclaredSizes() throws IOException {
        store = CodeStores.onDisk(dataDir, new CodeLimits(1 << 20, 1000, 100));
        byte[] honest = new TestZip().file("zeros.bin", new byte[2000], 0644).bytes();
        byte[] lying = TestZip.withDeclaredSize(honest, 10);
        Path lyingFile = Files.write(dataDir.resolve("lying.zip"), lying);
        try (var zip = ZipFile.builder().setPath(lyingFile).get()) {
            assertThat(zip.getEntry("zeros.bin").getSize()).as("the header now claims 10 bytes").isEqualTo(10);
        }

        assertThatThrownBy(() -> put(honest)).hasMessage("code archive unpacks to more than the limit of 1000 bytes");
        assertThatThrownBy(() -> put(lying)).hasMessage("code archive unpacks to more than the limit of 1000 bytes");
        put(new TestZip().file("small.bin", new byte[1000], 0644).bytes());
    }

    @Test
    void unpacksIntoAReadOnlyTreeKeepingTheExecutableBit() throws IOException {
        byte[] zip = new TestZip()
                .file("bootstrap", "#!/bin/sh\n")
                .file("lib/bootstrap", "not the entry point")
                .file("bin/run.sh", "#!/bin/sh\necho hi\n", 0755)
                .file("bin/data.txt", "data", 0644)
                .directory("empty")
                .symlink("node_modules/.bin/tsc", "../typescript/bin/tsc")
                .file("node_modules/typescript/bin/tsc", "tsc", 0755)
                .bytes();
        String sha = put(zip).sha256();

        Path dir = store.unpacked(sha);

        assertThat(dir).isEqualTo(code().resolve("unpacked").resolve(sha));
        assertThat(dir.resolve("bin/run.sh")).hasContent("#!/bin/sh\necho hi");
        assertThat(mode(dir.resolve("bootstrap"))).as("root bootstrap without a mode").isEqualTo("r-xr-xr-x");
        assertThat(mode(dir.resolve("lib/bootstrap"))).isEqualTo("r--r--r--");
        assertThat(mode(dir.resolve("bin/run.sh"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(dir.resolve("bin/data.txt"))).isEqualTo("r--r--r--");
        assertThat(mode(dir.resolve("empty"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(dir)).isEqualTo("r-xr-xr-x");
        assertThat(Files.readSymbolicLink(dir.resolve("node_modules/.bin/tsc"))).isEqualTo(Path.of("../typescript/bin/tsc"));
        assertThat(dir.resolve("node_modules/.bin/tsc")).hasContent("tsc");
        assertThat(store.unpacked(sha)).isEqualTo(dir);
    }

    @Test
    void concurrentCallersUnpackOnceAndAllSeeTheWholeTree() throws Exception {
        var zip = new TestZip();
        for (int i = 0; i < 200; i++) {
            zip.file("f/" + i + ".txt", "content " + i);
        }
        String sha = put(zip.bytes()).sha256();
        var start = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    Path dir = store.unpacked(sha);
                    assertThat(filesUnder(dir.resolve("f"))).hasSize(200);
                    return dir;
                }));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).isEqualTo(code().resolve("unpacked").resolve(sha));
            }
        }
        try (Stream<Path> children = Files.list(code().resolve("unpacked"))) {
            assertThat(children.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(sha, UnpackedTrees.BOOT_ID_FILE);
        }
    }

    @Test
    void unpackingRequiresAStoredArchive() {
        assertThatThrownBy(() -> store.unpacked("0".repeat(64))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.unpacked("../../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openingClearsHalfDoneWorkAndTreesFromAnEarlierBoot() throws IOException {
        Path codeDir = code();
        store = DiskCodeStore.open(codeDir, CodeLimits.DEFAULT, "boot-1");
        String sha = put(new TestZip().file("app.py", "x").bytes()).sha256();
        Path tree = store.unpacked(sha);
        Path halfTree = Files.createDirectories(codeDir.resolve("unpacked/.tmp-abc/sub"));
        Files.setPosixFilePermissions(halfTree, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path halfUpload = Files.writeString(codeDir.resolve("tmp/upload-1.zip"), "partial");

        store = DiskCodeStore.open(codeDir, CodeLimits.DEFAULT, "boot-1");
        assertThat(tree).isDirectory();
        assertThat(codeDir.resolve("unpacked/.tmp-abc")).doesNotExist();
        assertThat(halfUpload).doesNotExist();

        store = DiskCodeStore.open(codeDir, CodeLimits.DEFAULT, "boot-2");
        assertThat(tree).doesNotExist();
        assertThat(store.find(sha)).isPresent();
        assertThat(store.unpacked(sha).resolve("app.py")).hasContent("x");
    }

    private void assertRefused(TestZip zip, String message) {
        byte[] bytes = zip.bytes();
        assertThatThrownBy(() -> put(bytes)).isInstanceOf(InvalidCodeException.class).hasMessageContaining(message);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** An endless stream of zeros that counts what was read from it. */
    private static final class CountingStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            read += len;
            return len;
        }
    }
}
