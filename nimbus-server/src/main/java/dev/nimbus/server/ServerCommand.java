package dev.nimbus.server;

import dev.nimbus.server.observe.JsonLogFormatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import dev.nimbus.cli.NimbusCli;
import dev.nimbus.core.access.KeyToken;
import dev.nimbus.server.config.ConfigException;
import dev.nimbus.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nimbus server}: runs gateway, control plane, instance pool and store in this JVM. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Nimbus server (gateway, management API, instances, store) in the foreground.")
final class ServerCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions options;

    @Option(names = "--examples", paramLabel = "DIR", description = "After start, deploy every function directory in DIR")
    private Path examples;

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg;
        try {
            cfg = options.load();
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (cfg.observability().jsonLogs()) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.setFormatter(new JsonLogFormatter());
            }
        }
        NimbusServer server;
        try {
            server = NimbusServer.start(cfg);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "nimbus-shutdown"));
        String url = "http://" + cfg.host() + ":" + server.port();
        System.out.println("Nimbus " + NimbusCli.VERSION + " listening on " + url + " (data in "
                + cfg.dataDir().toAbsolutePath() + ")");
        System.out.flush();
        if (examples != null) {
            deployExamples(url, server.localAdminKey().map(KeyToken::text).orElse(null));
        }
        stopped.await();
        return 0;
    }

    /** Deploys with the server's own admin key when it has one (in this process: never in a process list). */
    private void deployExamples(String url, String apiKey) throws IOException {
        try (var dirs = Files.list(examples)) {
            for (Path dir : dirs.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve("nimbus.yaml"))) {
                    var args = new java.util.ArrayList<>(List.of("deploy", "--url", url, dir.toString()));
                    if (apiKey != null) {
                        args.addAll(List.of("--api-key", apiKey));
                    }
                    NimbusCli.commandLine().execute(args.toArray(String[]::new));
                }
            }
        }
    }
}
