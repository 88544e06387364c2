import io.helidon.webserver.WebServer;

/** The baseline: a bare Helidon hello-world server on the same JDK, for the benchmark's ratio. */
public class BareServer {
    public static void main(String[] args) {
        WebServer server = WebServer.builder().host("127.0.0.1").port(Integer.parseInt(args[0]))
                .routing(r -> r.any((req, res) -> res.send("ok")))
                .build().start();
        System.out.println("bare server on " + server.port());
    }
}
