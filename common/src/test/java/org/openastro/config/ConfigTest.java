package org.openastro.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  static final Setting<Integer> PORT = Setting.of("SOME_PORT", "8080", "a port", Parsers.port());
  static final Setting<Duration> TTL = Setting.of("SOME_TTL", "7d", "a ttl",
      Parsers.durationAtLeast(Duration.ofSeconds(1)));
  static final Setting<List<InetSocketAddress>> HOSTS = Setting.of("SOME_HOSTS", null, "hosts",
      Parsers.hostPorts(9042));

  @Test
  void defaultsApplyWhenUnset() {
    Config config = Config.from(Map.of());
    assertThat(config.get(PORT)).isEqualTo(8080);
    assertThat(config.get(TTL)).isEqualTo(Duration.ofDays(7));
    assertThat(config.get(HOSTS)).isNull();
    assertThat(config.isSet(HOSTS)).isFalse();
  }

  @Test
  void environmentValuesAreParsed() {
    Config config = Config.from(Map.of("SOME_PORT", "1883", "SOME_TTL", "1500ms",
        "SOME_HOSTS", "db1:9043, db2"));
    assertThat(config.get(PORT)).isEqualTo(1883);
    assertThat(config.get(TTL)).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.get(HOSTS)).extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("db1", 9043),
            org.assertj.core.groups.Tuple.tuple("db2", 9042));
  }

  @Test
  void badValueNamesTheVariableAndWhatIsWrong() {
    Config config = Config.from(Map.of("SOME_PORT", "eighty"));
    assertThatThrownBy(() -> config.get(PORT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SOME_PORT='eighty'")
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> Config.from(Map.of("SOME_PORT", "70000")).get(PORT))
        .hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> Config.from(Map.of("SOME_TTL", "7 weeks")).get(TTL))
        .hasMessageContaining("SOME_TTL").hasMessageContaining("duration");
    assertThatThrownBy(() -> Config.from(Map.of("SOME_HOSTS", "db1:x")).get(HOSTS))
        .hasMessageContaining("SOME_HOSTS");
  }

  @Test
  void fileValuesAreOverriddenByEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("openastro.properties");
    Files.writeString(file, "SOME_PORT=9000\nSOME_TTL=2h\n");
    Config config = Config.from(Map.of(Config.CONFIG_FILE_VARIABLE, file.toString(), "SOME_TTL", "3h"));
    assertThat(config.get(PORT)).isEqualTo(9000);
    assertThat(config.get(TTL)).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void unreadableConfigFileIsReportedByName(@TempDir Path dir) {
    assertThatThrownBy(() -> Config.from(Map.of(Config.CONFIG_FILE_VARIABLE, dir.resolve("nope").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OPENASTRO_CONFIG_FILE");
  }
}
