package dev.nimbus.runtime.java.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientContextsTest {

  @Test
  void readsClientCustomAndEnvWithSnakeCaseKeys() {
    ClientContext context = ClientContexts.parse("""
        {"client":{"installation_id":"inst-1","app_title":"Notes ✎","app_version_name":"1.2",
                   "app_version_code":"12","app_package_name":"com.example.notes"},
         "custom":{"tenant":"acme","retries":3,"beta":true,"nested":{"a":[1]}},
         "env":{"platform":"Android","locale":"fr_FR"}}""");

    assertThat(context.getClient().getInstallationId()).isEqualTo("inst-1");
    assertThat(context.getClient().getAppTitle()).isEqualTo("Notes ✎");
    assertThat(context.getClient().getAppVersionName()).isEqualTo("1.2");
    assertThat(context.getClient().getAppVersionCode()).isEqualTo("12");
    assertThat(context.getClient().getAppPackageName()).isEqualTo("com.example.notes");
    assertThat(context.getCustom()).containsExactly(Map.entry("tenant", "acme"),
        Map.entry("retries", "3"), Map.entry("beta", "true"),
        Map.entry("nested", "{\"a\":[1]}"));
    assertThat(context.getEnvironment())
        .containsExactly(Map.entry("platform", "Android"), Map.entry("locale", "fr_FR"));
  }

  @Test
  void leavesOutWhatTheHeaderLacks() {
    ClientContext context = ClientContexts.parse("{\"custom\":{\"k\":\"v\"}}");
    assertThat(context.getClient()).isNull();
    assertThat(context.getEnvironment()).isNull();
    assertThat(context.getCustom()).containsExactly(Map.entry("k", "v"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  ", "not json", "[1,2]", "\"text\"", "{\"client\":"})
  void absentOrMalformedHeadersGiveNoClientContext(String header) {
    assertThat(ClientContexts.parse(header)).isNull();
  }

  @Test
  void readsCognitoIdentity() {
    var identity = CognitoIdentities.parse(
        "{\"cognitoIdentityId\":\"us-east-1:abc\",\"cognitoIdentityPoolId\":\"us-east-1:pool\"}");
    assertThat(identity.getIdentityId()).isEqualTo("us-east-1:abc");
    assertThat(identity.getIdentityPoolId()).isEqualTo("us-east-1:pool");
    assertThat(CognitoIdentities.parse(null)).isNull();
    assertThat(CognitoIdentities.parse("{oops")).isNull();
  }
}
