package dev.nimbus.runtime.java.context;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import dev.nimbus.runtime.java.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code Lambda-Runtime-Client-Context}: {@code {"client":{"installation_id",
 * "app_title","app_version_name","app_version_code","app_package_name"},"custom":{..},
 * "env":{..}}}. Scalar values become their JSON text ({@code 3} → {@code "3"}), as the AWS
 * runtime's Gson mapping does; nested objects and arrays become their JSON text too.
 */
final class ClientContexts {

  private ClientContexts() {}

  /** The client context, or {@code null} if the header is absent, empty or not a JSON object. */
  static ClientContext parse(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Object root;
    try {
      root = Json.parse(header.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!(root instanceof Map<?, ?> map)) {
      return null;
    }
    Client client = null;
    if (map.get("client") instanceof Map<?, ?> c) {
      client = new AppClient(text(c.get("installation_id")), text(c.get("app_title")),
          text(c.get("app_version_name")), text(c.get("app_version_code")),
          text(c.get("app_package_name")));
    }
    return new AppClientContext(client, strings(map.get("custom")), strings(map.get("env")));
  }

  private static Map<String, String> strings(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      result.put((String) entry.getKey(), text(entry.getValue()));
    }
    return Collections.unmodifiableMap(result);
  }

  private static String text(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Map || value instanceof java.util.List) {
      return new String(Json.write(value), StandardCharsets.UTF_8);
    }
    return value.toString();
  }

  private record AppClient(String installationId, String appTitle, String appVersionName,
      String appVersionCode, String appPackageName) implements Client {

    @Override
    public String getInstallationId() {
      return installationId;
    }

    @Override
    public String getAppTitle() {
      return appTitle;
    }

    @Override
    public String getAppVersionName() {
      return appVersionName;
    }

    @Override
    public String getAppVersionCode() {
      return appVersionCode;
    }

    @Override
    public String getAppPackageName() {
      return appPackageName;
    }
  }

  private record AppClientContext(Client client, Map<String, String> custom,
      Map<String, String> environment) implements ClientContext {

    @Override
    public Client getClient() {
      return client;
    }

    @Override
    public Map<String, String> getCustom() {
      return custom;
    }

    @Override
    public Map<String, String> getEnvironment() {
      return environment;
    }
  }
}
