package dev.nimbus.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads the configuration: defaults < YAML file < {@code NIMBUS_*} environment < flags. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param file  YAML file, or null for none
     * @param env   the process environment
     * @param flags key → value from the command line
     * @throws ConfigException naming the bad key and value
     */
    public static ServerConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> values = ConfigKeys.DEFAULTS;
        if (file != null) {
            values = ConfigKeys.overlay(values, readYaml(file), file.toString());
        }
        var fromEnv = new LinkedHashMap<String, String>();
        ConfigKeys.DEFAULTS.keySet().forEach(k -> {
            String value = env.get(ConfigKeys.envName(k));
            if (value != null) {
                fromEnv.put(k, value);
            }
        });
        values = ConfigKeys.overlay(values, fromEnv, "the environment");
        values = ConfigKeys.overlay(values, flags, "the command line");
        return ServerConfig.bind(values);
    }

    /** The YAML file flattened to dotted keys. */
    public static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        var out = new LinkedHashMap<String, String>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new ConfigException("configuration file " + file + " must hold a YAML mapping");
            }
            flatten("", root, out);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        node.properties().forEach(e -> {
            String key = prefix + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key + ".", e.getValue(), out);
            } else {
                out.put(key, e.getValue().isNull() ? "" : e.getValue().asText());
            }
        });
    }
}
