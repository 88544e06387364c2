package dev.nimbus.server.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JDK AOT cache (JEP 514) of the Java runtime: classes loaded and linked ahead of time, which
 * takes about 25 ms off a hello handler's cold start and halves it for handlers that need Jackson
 * (figures in bench/runtime-java/README.md).
 *
 * <p>The cache is made once per runtime jar and JDK build by a training run in the background, and
 * named by a hash of both: a JDK that is handed a cache made from another jar silently serves the
 * old classes. Until it is ready, instances start without it.
 */
public final class JavaAotCache {
    private static final System.Logger LOG = System.getLogger(JavaAotCache.class.getName());

    private JavaAotCache() {
    }

    /**
     * The cache file for this jar and JDK (it may not exist yet: training then starts in the
     * background), or empty when disabled ({@code configured} is "none") or impossible.
     *
     * @param configured directory for caches; empty means {@code ~/.cache/nimbus/aot}
     */
    public static Optional<Path> prepare(String configured, Path javaHome, Path jar) {
        if (configured.equals("none") || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        Path dir = configured.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "nimbus", "aot")
                : Path.of(configured);
        try {
            Path cache = dir.resolve("nimbus-runtime-java-" + key(javaHome, jar) + ".aot");
            if (!Files.isRegularFile(cache)) {
                Files.createDirectories(dir);
                Thread.ofVirtual().name("nimbus-aot-training").start(() -> train(javaHome, jar, cache));
            }
            return Optional.of(cache);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Java instances start without an AOT cache: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void train(Path javaHome, Path jar, Path cache) {
        Path partial = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Process p = new ProcessBuilder(List.of(javaHome.resolve("bin/java").toString(),
                    "-XX:AOTCacheOutput=" + partial, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAM=128m",
                    "-cp", jar.toString(), "dev.nimbus.runtime.java.training.Training"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(3, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.isRegularFile(partial)) {
                Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.log(System.Logger.Level.INFO, "Java runtime AOT cache ready: " + cache);
            } else {
                p.destroyForcibly();
                LOG.log(System.Logger.Level.WARNING, "training the Java runtime AOT cache failed; Java instances start without it");
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot train the Java runtime AOT cache: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a stale partial file is harmless
            }
        }
    }

    /** First 16 hex digits of sha256(jar ‖ the JDK's release file). */
    private static String key(Path javaHome, Path jar) throws IOException {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            Path release = javaHome.resolve("release");
            digest.update(Files.isRegularFile(release) ? Files.readAllBytes(release)
                    : System.getProperty("java.runtime.version").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
