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

  @Test
  void torrentSettingsTakeAutoOrAPowerOfTwoAndAnHttpBase() {
    Config none = Config.from(Map.of());
    assertThat(none.get(ArchiveSettings.TORRENT_PIECE_LENGTH)).as("auto").isZero();
    assertThat(none.get(ArchiveSettings.TORRENT_MAX_PIECES)).isEqualTo(2048);
    assertThat(none.get(ArchiveSettings.TORRENT_MAX_BUILDS)).isEqualTo(2);
    assertThat(none.get(ArchiveSettings.PUBLIC_BASE_URL)).isNull();
    assertThat(ArchiveSettings.pieceLength().apply("AUTO")).isZero();
    assertThat(ArchiveSettings.pieceLength().apply("256KiB")).isEqualTo(256L << 10);
    assertThat(ArchiveSettings.pieceLength().apply("16384")).isEqualTo(16384L);
    for (String bad : new String[] {"8KiB", "48KiB", "128MiB", "big"}) {
      assertThatThrownBy(() -> Config.from(Map.of("TORRENT_PIECE_LENGTH", bad)).get(ArchiveSettings.TORRENT_PIECE_LENGTH))
          .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("TORRENT_PIECE_LENGTH");
    }
    assertThat(Config.from(Map.of("PUBLIC_BASE_URL", "https://archive.example.org/openastro"))
        .get(ArchiveSettings.PUBLIC_BASE_URL).toString()).isEqualTo("https://archive.example.org/openastro");
    assertThatThrownBy(() -> Config.from(Map.of("PUBLIC_BASE_URL", "archive.example.org")).get(ArchiveSettings.PUBLIC_BASE_URL))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PUBLIC_BASE_URL");
  }

  @Test
  void s3SettingsDefaultToLocalStoreAndPathStyle() {
    Config none = Config.from(Map.of());
    assertThat(none.get(ArchiveSettings.ARTIFACT_STORE)).isEqualTo(ArchiveSettings.StoreKind.LOCAL);
    assertThat(none.get(ArchiveSettings.ARTIFACT_S3_PATH_STYLE)).isTrue();
    assertThat(none.get(ArchiveSettings.ARTIFACT_S3_PART_SIZE)).isEqualTo(8L << 20);
    assertThat(none.get(ArchiveSettings.ARTIFACT_S3_REGION)).isEqualTo("us-east-1");
    assertThat(none.get(ArchiveSettings.ARTIFACT_S3_ENDPOINT)).isNull();
    assertThatThrownBy(() -> Config.from(Map.of("ARTIFACT_S3_PART_SIZE", "1MiB")).get(ArchiveSettings.ARTIFACT_S3_PART_SIZE))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> Config.from(Map.of("ARTIFACT_S3_ENDPOINT", "minio:9000")).get(ArchiveSettings.ARTIFACT_S3_ENDPOINT))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> Config.from(Map.of("ARTIFACT_STORE", "ftp")).get(ArchiveSettings.ARTIFACT_STORE))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void s3StoreNeedsABucketAndBothHalvesOfStaticCredentials() {
    assertThatThrownBy(() -> ArtifactRoutes.s3Options(Config.from(Map.of("ARTIFACT_STORE", "s3"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ARTIFACT_S3_BUCKET");
    assertThatThrownBy(() -> ArtifactRoutes.s3Options(Config.from(Map.of("ARTIFACT_STORE", "s3",
        "ARTIFACT_S3_BUCKET", "b", "ARTIFACT_S3_ACCESS_KEY", "a")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("ARTIFACT_S3_SECRET_KEY");
    var options = ArtifactRoutes.s3Options(Config.from(Map.of("ARTIFACT_STORE", "s3", "ARTIFACT_S3_BUCKET", "b",
        "ARTIFACT_S3_ENDPOINT", "http://minio:9000", "ARTIFACT_S3_ACCESS_KEY", "a", "ARTIFACT_S3_SECRET_KEY", "s",
        "ARTIFACT_S3_PATH_STYLE", "false")));
    assertThat(options.endpoint().toString()).isEqualTo("http://minio:9000");
    assertThat(options.pathStyle()).isFalse();
    assertThat(options.partBytes()).isEqualTo(8 << 20);
    assertThat(ArchiveSettings.ALL).contains(ArchiveSettings.ARTIFACT_STORE, ArchiveSettings.ARTIFACT_S3_SECRET_KEY);
  }
}
