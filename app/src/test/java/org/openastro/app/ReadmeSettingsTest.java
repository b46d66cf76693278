package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openastro.config.Setting;

/** The README's configuration table lists every setting with its real default. */
class ReadmeSettingsTest {
  @Test
  void everySettingIsDocumentedWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting<?> setting : AllSettings.ALL) {
      String row = readme.lines().filter(l -> l.startsWith("| `" + setting.name() + "`")).findFirst()
          .orElseThrow(() -> new AssertionError(setting.name() + " is missing from README.md's table"));
      String expectedDefault = setting.defaultText() == null ? "(unset)" : "`" + setting.defaultText() + "`";
      assertThat(row).as(setting.name()).contains("| " + expectedDefault + " |");
    }
  }
}
