package org.openastro.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void secretIs64UrlSafeCharactersAndNamesItsNode() {
    UUID node = UUID.randomUUID();
    String secret = Secrets.newSecret(node);
    assertThat(secret).hasSize(64).matches("[A-Za-z0-9_-]{64}");
    assertThat(Secrets.nodeIdOf(secret)).contains(node);
  }

  @Test
  void secretsOfOneNodeDifferInTheirRandomPart() {
    UUID node = UUID.randomUUID();
    Set<String> secrets = new HashSet<>();
    Set<String> randomParts = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String s = Secrets.newSecret(node);
      secrets.add(s);
      randomParts.add(s.substring(22)); // the first 16 bytes (the id) span 21.3 characters
    }
    assertThat(secrets).hasSize(200);
    assertThat(randomParts).hasSize(200);
  }

  @Test
  void anythingElseNamesNoNode() {
    String secret = Secrets.newSecret(UUID.randomUUID());
    assertThat(Secrets.nodeIdOf(null)).isEmpty();
    assertThat(Secrets.nodeIdOf("")).isEmpty();
    assertThat(Secrets.nodeIdOf(secret.substring(1))).isEmpty();
    assertThat(Secrets.nodeIdOf(secret + "A")).isEmpty();
    assertThat(Secrets.nodeIdOf("+" + secret.substring(1))).as("standard, not URL-safe, base64").isEmpty();
    assertThat(Secrets.nodeIdOf("!" + secret.substring(1))).isEmpty();
    assertThat(Secrets.nodeIdOf(" ".repeat(64))).isEmpty();
  }
}
