package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/**
 * The Secret in the manifests holds placeholders only. The admin key's placeholder is one the app
 * refuses, so a deployment that forgot to replace it fails at start-up with a message naming
 * ADMIN_API_KEY instead of running with an admin key anyone can read in this repository.
 */
class SecretPlaceholdersTest {
  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void noRenderedSecretCarriesAUsableAdminKey(String dir) {
    Map<String, String> data = PodEnv.secretData(Manifests.of(dir).get(Secret.class, "openastro-secrets"));
    String adminKey = data.get("ADMIN_API_KEY");
    assertThat(adminKey).as("ADMIN_API_KEY placeholder").contains("PLACEHOLDER");
    assertThatThrownBy(() -> Config.from(Map.of("ADMIN_API_KEY", adminKey)).get(AppSettings.require("ADMIN_API_KEY")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ADMIN_API_KEY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base"})
  void everyBaseSecretValueIsMarkedAsAPlaceholder(String dir) {
    assertThat(PodEnv.secretData(Manifests.of(dir).get(Secret.class, "openastro-secrets")))
        .isNotEmpty().allSatisfy((key, value) -> assertThat(value).as(key).contains("PLACEHOLDER"));
  }
}
