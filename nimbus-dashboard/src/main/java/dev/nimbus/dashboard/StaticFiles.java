package dev.nimbus.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, looked up by the path after {@code /ui/}. A path is a file of the
 * dashboard's own resource folder ({@code dev/nimbus/dashboard/ui/}) or one of uPlot's two files
 * under {@code vendor/uplot/}; anything else, a dot segment or an unknown extension included, is
 * not found. Found files are kept in memory (a few hundred KB in all, the folder is fixed).
 *
 * <p>Threading: called from request threads; the cache is a concurrent map.
 */
final class StaticFiles {
    private static final String ROOT = "dev/nimbus/dashboard/ui/";
    /** Segments start with a letter or digit, so "." and ".." (and hidden files) never match. */
    private static final Pattern PATH = Pattern.compile("([a-z0-9][a-z0-9_-]*/)*[A-Za-z0-9][A-Za-z0-9_.-]*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");
    private static final String UPLOT = "vendor/uplot/";
    private static final java.util.Set<String> UPLOT_FILES = java.util.Set.of("uPlot.esm.js", "uPlot.min.css");

    /** A file to send. */
    record Asset(byte[] body, String contentType, String etag) {
    }

    private final ClassLoader loader;
    private final String uplotDist;
    private final Map<String, Asset> found = new ConcurrentHashMap<>();

    private StaticFiles(ClassLoader loader, String uplotDist) {
        this.loader = loader;
        this.uplotDist = uplotDist;
    }

    /** The files on this class's class path; fails when the uPlot webjar is missing from it. */
    static StaticFiles onClassPath() {
        ClassLoader loader = StaticFiles.class.getClassLoader();
        try (InputStream pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (pom == null) {
                throw new IllegalStateException("the uPlot webjar (org.webjars.npm:uplot) is not on the class path");
            }
            var properties = new Properties();
            properties.load(pom);
            return new StaticFiles(loader, "META-INF/resources/webjars/uplot/" + properties.getProperty("version") + "/dist/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param path the request path after {@code /ui/}, decoded; empty for the index */
    Optional<Asset> find(String path) {
        String name = path.isEmpty() ? "index.html" : path;
        String resource;
        if (name.startsWith(UPLOT)) {
            String file = name.substring(UPLOT.length());
            resource = UPLOT_FILES.contains(file) ? uplotDist + file : null;
        } else {
            resource = PATH.matcher(name).matches() ? ROOT + name : null;
        }
        if (resource == null) {
            return Optional.empty();
        }
        Asset cached = found.get(resource);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> asset = load(resource);
        asset.ifPresent(a -> found.put(resource, a));
        return asset;
    }

    private Optional<Asset> load(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            String extension = resource.substring(resource.lastIndexOf('.') + 1);
            return Optional.of(new Asset(body, TYPES.get(extension), etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A strong validator: the first 16 bytes of the content's SHA-256, quoted. */
    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
