package dev.nimbus.sandbox.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to start for one instance: command, working directory (its code), complete environment,
 * the memory its processes may use together (the function's memory setting, in MB), and the
 * host paths it must see read-only besides {@code /usr} (its code, the runtime and its bootstrap),
 * whether its runtime reaches the Runtime API over {@link Endpoints#runtimeApiSocket()} (as
 * Nimbus's own do) rather than TCP, and the secrets it gets as files in
 * {@link dev.nimbus.core.secret.Secrets#FILES} (name to value), and whether it may reach the internet.
 */
public record LaunchSpec(List<String> command, Path workDir, Map<String, String> environment, int memoryMb,
                         List<Path> readOnly, boolean runtimeApiOverSocket, Map<String, String> secretFiles,
                         boolean egress) {
    public LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        readOnly = List.copyOf(readOnly);
        secretFiles = Map.copyOf(secretFiles);
    }

    /**
     * This launch with the code at {@code to} instead of {@code from} (its working directory, and
     * every argument and environment value that is {@code from} or a path below it): for a sandbox
     * that sees the code elsewhere than the host does.
     */
    public LaunchSpec relocate(Path from, Path to) {
        var env = new java.util.HashMap<String, String>();
        environment.forEach((k, v) -> env.put(k, relocate(v, from, to)));
        return new LaunchSpec(command.stream().map(word -> relocate(word, from, to)).toList(), to, env, memoryMb,
                readOnly, runtimeApiOverSocket, secretFiles, egress);
    }

    private static String relocate(String value, Path from, Path to) {
        String prefix = from.toString();
        if (value.equals(prefix)) {
            return to.toString();
        }
        return value.startsWith(prefix + "/") ? to + value.substring(prefix.length()) : value;
    }

    /** Never shows the secrets. */
    @Override
    public String toString() {
        return "LaunchSpec[command=" + command + ", workDir=" + workDir + ", memoryMb=" + memoryMb + ", readOnly="
                + readOnly + ", secretFiles=" + secretFiles.keySet() + ", egress=" + egress + "]";
    }
}
