package dev.nimbus.server;

import dev.nimbus.cli.NimbusCli;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** The {@code nimbus} command, with the {@code server} subcommand this module adds. */
public final class Main {
    /** Held so that JUL keeps their levels: connection-pool and migration chatter only when it matters. */
    private static final List<Logger> QUIET = Stream.of("com.zaxxer.hikari", "org.flywaydb", "io.helidon")
            .map(Logger::getLogger).toList();

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        int code = NimbusCli.commandLine(new ServerCommand(), new DoctorCommand()).execute(args);
        System.exit(code);
    }
}
