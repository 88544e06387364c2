package dev.nimbus.cli.deploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deploy sets, from {@code nimbus.yaml} or from flags; null means "not given", so the server
 * applies its default.
 *
 * @param environment never null; empty when not given
 * @param code        where the code is, relative to the source directory ({@code nimbus.yaml}'s
 *                    {@code code}, e.g. a built jar); null for the directory itself
 * @param scaling     the {@code scaling} object of the deploy request as given (keys checked, values the
 *                    server's to check), or null
 * @param egress      whether instances may reach the internet, or null
 */
record DeploySettings(
        String name,
        String runtime,
        String handler,
        Integer memoryMb,
        Integer timeoutSeconds,
        Map<String, String> environment,
        String description,
        Integer concurrency,
        String code,
        ObjectNode scaling,
        Boolean egress) {

    static final DeploySettings NONE = new DeploySettings(null, null, null, null, null, Map.of(), null, null, null,
            null, null);

    DeploySettings {
        environment = environment == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /**
     * These settings with every value {@code flags} gives taking precedence. Environment maps merge
     * per key: a file with {@code A=1, B=2} and {@code --env B=3} deploys {@code A=1, B=3}.
     */
    DeploySettings overriddenBy(DeploySettings flags) {
        var env = new LinkedHashMap<>(environment);
        env.putAll(flags.environment);
        return new DeploySettings(
                pick(flags.name, name),
                pick(flags.runtime, runtime),
                pick(flags.handler, handler),
                pick(flags.memoryMb, memoryMb),
                pick(flags.timeoutSeconds, timeoutSeconds),
                env,
                pick(flags.description, description),
                pick(flags.concurrency, concurrency),
                pick(flags.code, code),
                mergeScaling(scaling, flags.scaling),
                pick(flags.egress, egress));
    }

    /** The file's scaling keys, each replaced by the flag's when both give it. */
    private static ObjectNode mergeScaling(ObjectNode file, ObjectNode flags) {
        if (file == null || flags == null) {
            return flags != null ? flags : file;
        }
        ObjectNode merged = file.deepCopy();
        merged.setAll(flags);
        return merged;
    }

    DeploySettings withName(String newName) {
        return new DeploySettings(newName, runtime, handler, memoryMb, timeoutSeconds, environment, description,
                concurrency, code, scaling, egress);
    }

    /** The body of {@code PUT /api/v1/functions/{name}}, leaving out what was not given. */
    ObjectNode toRequest(String codeSha256) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (runtime != null) {
            body.put("runtime", runtime);
        }
        if (handler != null) {
            body.put("handler", handler);
        }
        if (memoryMb != null) {
            body.put("memoryMb", memoryMb);
        }
        if (timeoutSeconds != null) {
            body.put("timeoutSeconds", timeoutSeconds);
        }
        if (!environment.isEmpty()) {
            ObjectNode env = body.putObject("environment");
            environment.forEach(env::put);
        }
        if (description != null) {
            body.put("description", description);
        }
        if (concurrency != null) {
            body.put("concurrency", concurrency);
        }
        if (scaling != null) {
            body.set("scaling", scaling.deepCopy());
        }
        if (egress != null) {
            body.put("egress", egress);
        }
        body.put("codeSha256", codeSha256);
        return body;
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
