package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile archives of reliability-security.md §5.4 that stay within the limits once unpacked:
 * accepted, and unpacked to exactly what their data holds, as a function sees it in /var/task. The
 * refused ones are in {@code BadInputIT.aHostileArchiveIsRefused}.
 */
class HostileArchivesIT {
    /** Lists /var/task: each file's size and SHA-256, and every directory. */
    private static final String TASK_PROBE = """
            import hashlib, os
            def h(event, context):
                files, dirs = {}, []
                for root, subdirs, names in os.walk("/var/task"):
                    dirs += [os.path.relpath(os.path.join(root, d), "/var/task") for d in subdirs]
                    for name in names:
                        with open(os.path.join(root, name), "rb") as f:
                            content = f.read()
                        files[os.path.relpath(os.path.join(root, name), "/var/task")] = {
                            "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
                return {"cwd": os.getcwd(), "files": files, "dirs": dirs}
            """;

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /**
     * 42.zip's shape, small at the top level: 16 copies of 4 levels of 16 zips over 16 MiB of zeros
     * (16 TiB fully expanded) in ~28 KB. Nimbus unpacks the top level only, so the inner zips are
     * plain files of ~20 KB in /var/task.
     */
    @Test
    void aRecursiveZipBombIsStoredWithItsInnerZipsAsPlainFiles() throws Exception {
        byte[] branch = HostileZips.nested(4, 16, 16 << 20, ZipEntry.DEFLATED);
        var files = new LinkedHashMap<String, byte[]>();
        files.put("app.py", TASK_PROBE.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 16; i++) {
            files.put("bomb/" + i + ".zip", branch);
        }
        byte[] zip = Zips.ofBytes(files);
        assertThat(zip.length).isLessThan(1 << 20);

        JsonNode task = deployProbe("nested-zips", zip);

        var expected = new TreeMap<String, String>();
        files.forEach((name, content) -> expected.put(name, sha256(content)));
        assertThat(task.get("cwd").asText()).isEqualTo("/var/task");
        assertThat(shas(task)).isEqualTo(expected);
        assertThat(task.get("dirs").toString()).as("directories in /var/task").isEqualTo("[\"bomb\"]");
    }

    /**
     * Headers whose sizes lie, about data that is harmless and within the limit (see
     * HostileZips.harmlessSizeLies): accepted and unpacked to the true content. The store finds the
     * data by the central directory's compressed size, inflates it to its end, counts what comes out
     * and checks its CRC; a claimed size serves only to refuse early.
     */
    @Test
    void anArchiveWhoseSizeLiesAreHarmlessUnpacksToTheTrueContent() throws Exception {
        JsonNode task = deployProbe("size-lies", HostileZips.harmlessSizeLies(TASK_PROBE));

        var expected = new TreeMap<String, String>();
        HostileZips.LYING_ENTRIES.forEach(name -> expected.put(name, sha256(HostileZips.trueContent())));
        expected.put("app.py", sha256(TASK_PROBE.getBytes(StandardCharsets.UTF_8)));
        assertThat(shas(task)).isEqualTo(expected);
        for (String name : HostileZips.LYING_ENTRIES) {
            assertThat(task.get("files").get(name).get("size").asInt()).as(name)
                    .isEqualTo(HostileZips.trueContent().length);
        }
    }

    /** Uploads {@code zip} (201 within 5 s), deploys it as {@code name}, a Python function of app.py, and runs it. */
    private static JsonNode deployProbe(String name, byte[] zip) {
        long start = System.nanoTime();
        var upload = api.post("/api/v1/code", zip, "Content-Type", "application/zip");
        assertThat((System.nanoTime() - start) / 1_000_000).as("upload answered in ms").isLessThan(5000);
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        var deployed = api.putJson("/api/v1/functions/" + name, Map.of("runtime", "python3", "handler", "app.h",
                "codeSha256", upload.json().get("sha256").asText()));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        var invoked = api.invoke(name, "{}");
        assertThat(invoked.status()).as(invoked.body()).isEqualTo(200);
        return invoked.json();
    }

    /** File name to SHA-256, of what {@link #TASK_PROBE} found. */
    private static Map<String, String> shas(JsonNode task) {
        var shas = new TreeMap<String, String>();
        task.get("files").properties().forEach(file -> shas.put(file.getKey(), file.getValue().get("sha256").asText()));
        return shas;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
