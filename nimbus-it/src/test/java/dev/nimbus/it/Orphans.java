package dev.nimbus.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the processes of a function anywhere on the machine, by its name in their environment. */
final class Orphans {
    private Orphans() {
    }

    /** Pids of live processes whose environment has AWS_LAMBDA_FUNCTION_NAME={@code function}. */
    static List<Long> of(String function) {
        return withEnv("AWS_LAMBDA_FUNCTION_NAME", function);
    }

    /** Pids of live processes whose environment has {@code key=value}. */
    static List<Long> withEnv(String key, String value) {
        byte[] marker = (key + "=" + value + "\0").getBytes(StandardCharsets.UTF_8);
        var pids = new ArrayList<Long>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    byte[] env = Files.readAllBytes(dir.resolve("environ"));
                    if (contains(env, marker) && !isZombie(dir)) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException | SecurityException gone) {
                    // exited meanwhile or not readable
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    private static boolean isZombie(Path dir) throws IOException {
        String stat = Files.readString(dir.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i == 0 || hay[i - 1] == 0) {
                return true;
            }
        }
        return false;
    }
}
