package dev.nimbus.sandbox.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to start for one instance: command, working directory, complete environment, and the
 * memory its processes may use together (the function's memory setting, in MB).
 */
public record LaunchSpec(List<String> command, Path workDir, Map<String, String> environment, int memoryMb) {
    public LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
