package dev.nimbus.controlplane.lambda;

import dev.nimbus.core.function.Runtime;
import java.util.List;
import java.util.Locale;

/**
 * Lambda runtime identifiers and the host architecture, as Nimbus maps them.
 *
 * <p>Every Lambda runtime of a language runs on the one runtime Nimbus has for it, so the
 * identifier a client sent is not kept: a function reads back with the identifier below
 * ({@code python3.11}, {@code nodejs20.x}, {@code java25}, {@code provided.al2023}).
 */
final class LambdaRuntimes {
    /** The Lambda runtimes accepted, in the order the enum error lists them. */
    static final List<String> ACCEPTED = List.of(
            "java11", "java17", "java21", "java25",
            "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x",
            "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14",
            "provided", "provided.al2", "provided.al2023");

    /** The one architecture functions run on: the host's, in Lambda's terms. */
    static final String ARCHITECTURE = architecture(System.getProperty("os.arch", ""));

    private LambdaRuntimes() {
    }

    /**
     * @throws LambdaErrors.Fault an {@code InvalidParameterValueException} naming the accepted runtimes
     */
    static Runtime toNimbus(String lambdaId) {
        if (!ACCEPTED.contains(lambdaId)) {
            throw LambdaErrors.invalidParameter("Value " + lambdaId + " at 'runtime' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: " + ACCEPTED + " or be a valid ARN");
        }
        return lambdaId.startsWith("python") ? Runtime.PYTHON3
                : lambdaId.startsWith("nodejs") ? Runtime.NODEJS
                : lambdaId.startsWith("java") ? Runtime.JAVA
                : Runtime.PROVIDED;
    }

    static String toLambda(Runtime runtime) {
        return switch (runtime) {
            case PYTHON3 -> "python3.11";
            case NODEJS -> "nodejs20.x";
            case JAVA -> "java25";
            case PROVIDED -> "provided.al2023";
        };
    }

    /**
     * Checks a request's {@code Architectures}: at most one, and the one functions run on.
     */
    static void checkArchitectures(List<String> architectures) {
        if (architectures == null || architectures.isEmpty()) {
            return;
        }
        if (architectures.size() > 1) {
            throw LambdaErrors.validation(architectures, "architectures",
                    "Member must have length less than or equal to 1");
        }
        if (!architectures.getFirst().equals(ARCHITECTURE)) {
            throw LambdaErrors.invalidParameter("This Nimbus server runs functions on " + ARCHITECTURE
                    + " only, not " + architectures.getFirst());
        }
    }

    static String architecture(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "aarch64", "arm64" -> "arm64";
            default -> "x86_64";
        };
    }
}
