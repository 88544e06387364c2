package dev.nimbus.runtime.java.context;

import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import dev.nimbus.runtime.java.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Parses {@code Lambda-Runtime-Cognito-Identity}: {@code {"cognitoIdentityId","cognitoIdentityPoolId"}}. */
final class CognitoIdentities {

  private CognitoIdentities() {}

  /** The identity, or {@code null} if the header is absent, empty or not a JSON object. */
  static CognitoIdentity parse(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      if (Json.parse(header.getBytes(StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
        return new Identity(string(map.get("cognitoIdentityId")),
            string(map.get("cognitoIdentityPoolId")));
      }
    } catch (IllegalArgumentException e) {
      // treated like an absent header
    }
    return null;
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private record Identity(String identityId, String identityPoolId) implements CognitoIdentity {

    @Override
    public String getIdentityId() {
      return identityId;
    }

    @Override
    public String getIdentityPoolId() {
      return identityPoolId;
    }
  }
}
