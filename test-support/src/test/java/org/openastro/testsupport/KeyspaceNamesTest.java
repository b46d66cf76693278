package org.openastro.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyspaceNamesTest {

  private static final String VALID = "[a-z][a-z0-9_]*";

  @Test
  void namesArePrefixUnderscoreHex() {
    assertThat(KeyspaceNames.unique("gateway")).matches("gateway_[0-9a-f]{8}");
  }

  @Test
  void oddPrefixesBecomeValidLowercaseIdentifiers() {
    assertThat(KeyspaceNames.unique("Mission-Progress Test")).matches("mission_progress_test_[0-9a-f]{8}");
    assertThat(KeyspaceNames.unique("42nd")).matches("ks_42nd_[0-9a-f]{8}").matches(VALID);
    assertThat(KeyspaceNames.unique("")).matches("ks_[0-9a-f]{8}");
    assertThat(KeyspaceNames.unique(null)).matches("ks_[0-9a-f]{8}");
    assertThat(KeyspaceNames.unique("__x__")).matches("x_[0-9a-f]{8}");
  }

  @Test
  void longPrefixesAreCutBelowCassandrasLimit() {
    String name = KeyspaceNames.unique("a".repeat(100));
    assertThat(name).hasSizeLessThan(48).matches(VALID);
  }

  @Test
  void namesDoNotRepeat() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(names.add(KeyspaceNames.unique("t"))).isTrue();
    }
  }
}
