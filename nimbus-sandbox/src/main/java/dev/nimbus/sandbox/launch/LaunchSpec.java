package dev.nimbus.sandbox.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What to start for one instance: command, working directory, complete environment. */
public record LaunchSpec(List<String> command, Path workDir, Map<String, String> environment) {
    public LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
