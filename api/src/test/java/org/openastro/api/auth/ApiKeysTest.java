package org.openastro.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  @Test
  void anIssuedKeyCarriesItsIdAndFitsBcrypt() {
    UUID id = UUID.randomUUID();
    String key = ApiKeys.newKey(id);
    assertThat(key).startsWith("oak_");
    assertThat(ApiKeys.keyIdOf(key)).contains(id);
    // bcrypt looks at 72 bytes at most: the whole key must fit, or its tail would not count
    assertThat(key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(72);
    assertThat(ApiKeys.newKey(id)).isNotEqualTo(key);
  }

  @Test
  void textsOfOtherShapesCarryNoId() {
    assertThat(ApiKeys.keyIdOf(null)).isEmpty();
    assertThat(ApiKeys.keyIdOf("oak_short")).isEmpty();
    assertThat(ApiKeys.keyIdOf(Secrets.newSecret(UUID.randomUUID()))).isEmpty();
    assertThat(ApiKeys.looksLikeApiKey(Secrets.newSecret(UUID.randomUUID()))).isFalse();
  }

  @Test
  void configuredKeysNeedThePrefixAndLength() {
    assertThat(ApiKeys.checkConfiguredKey(" oak_0123456789abcdef0123456789abcdef ")).isEqualTo("oak_0123456789abcdef0123456789abcdef");
    assertThatThrownBy(() -> ApiKeys.checkConfiguredKey("oak_tooshort")).hasMessageContaining("at least 32");
    assertThatThrownBy(() -> ApiKeys.checkConfiguredKey("0123456789abcdef0123456789abcdef0123"))
        .hasMessageContaining("oak_");
  }
}
