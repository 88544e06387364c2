package dev.nimbus.server;

import dev.nimbus.cli.NimbusCli;

/** The {@code nimbus} command, with the {@code server} subcommand this module adds. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        int code = NimbusCli.commandLine(new ServerCommand()).execute(args);
        System.exit(code);
    }
}
