package dev.nimbus.dashboard;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * Serves the dashboard's static files:
 * <pre>
 * GET|HEAD /ui                        → 301 to /ui/
 * GET|HEAD /ui/                       → index.html
 * GET|HEAD /ui/{path}                 → the file, or 404
 * GET|HEAD /ui/vendor/uplot/{file}    → uPlot's uPlot.esm.js and uPlot.min.css from its webjar
 * </pre>
 * The files hold no data, so they need no API key (the access filter lets GET and HEAD of
 * {@code /ui} through); the pages then call the API with the key the user signs in with. Every
 * answer carries a strict Content-Security-Policy (scripts and styles from this origin only, no
 * inline script, no framing), {@code nosniff}, {@code DENY} framing and no referrer. Files are
 * revalidated on each load ({@code no-cache} with an ETag, so an upgrade shows at once and an
 * unchanged file costs a 304).
 *
 * <p>Threading: stateless apart from {@link StaticFiles}' cache; runs on request threads.
 */
public final class Dashboard {
    static final String PREFIX = "/ui";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final HeaderName CSP_HEADER = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.UTF_8);

    private final StaticFiles files;

    private Dashboard(StaticFiles files) {
        this.files = files;
    }

    /** The dashboard with its files from the class path. */
    public static Dashboard create() {
        return new Dashboard(StaticFiles.onClassPath());
    }

    public void register(HttpRouting.Builder routing) {
        for (Method method : new Method[] {Method.GET, Method.HEAD}) {
            routing.route(method, PREFIX, (req, res) -> {
                secure(res);
                res.header(HeaderNames.LOCATION, PREFIX + "/");
                res.status(301).send();
            });
            routing.route(method, PREFIX + "/*", this::serve);
        }
    }

    private void serve(ServerRequest req, ServerResponse res) {
        secure(res);
        String path = req.path().path();
        String relative = path.length() <= PREFIX.length() + 1 ? "" : path.substring(PREFIX.length() + 1);
        var asset = files.find(relative);
        if (asset.isEmpty()) {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            send(req, res.status(404), NOT_FOUND);
            return;
        }
        var a = asset.get();
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.ETAG, a.etag());
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(a.etag()::equals).orElse(false)) {
            res.status(304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, a.contentType());
        send(req, res, a.body());
    }

    /** The body, or for HEAD only its length: the server writes whatever is sent, for HEAD too. */
    private static void send(ServerRequest req, ServerResponse res, byte[] body) {
        if (req.prologue().method() == Method.HEAD) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
            res.send();
        } else {
            res.send(body);
        }
    }

    private static void secure(ServerResponse res) {
        res.header(CSP_HEADER, CSP);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(FRAME_OPTIONS, "DENY");
        res.header(REFERRER_POLICY, "no-referrer");
    }
}
