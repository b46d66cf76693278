package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

class ArchiveSettingsTest {
  @Test
  void sizesTakeBinaryUnits() {
    assertThat(ArchiveSettings.bytes().apply("1048576")).isEqualTo(1L << 20);
    assertThat(ArchiveSettings.bytes().apply("512KiB")).isEqualTo(512L << 10);
    assertThat(ArchiveSettings.bytes().apply("64 MiB")).isEqualTo(64L << 20);
    assertThat(ArchiveSettings.bytes().apply("10gib")).isEqualTo(10L << 30);
    assertThatThrownBy(() -> ArchiveSettings.bytes().apply("10GB")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ArchiveSettings.bytes().apply("0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ArchiveSettings.bytes().apply("99999999999TiB")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsAreDocumentedValues() {
    Config none = Config.from(Map.of());
    assertThat(none.get(ArchiveSettings.ARTIFACT_MAX_BYTES)).isEqualTo(10L << 30);
    assertThat(none.get(ArchiveSettings.ARTIFACT_STORE_DIR).toString()).isEqualTo("data/artifacts");
    assertThatThrownBy(() -> Config.from(Map.of("ARTIFACT_MAX_BYTES", "lots")).get(ArchiveSettings.ARTIFACT_MAX_BYTES))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ARTIFACT_MAX_BYTES");
  }
}
