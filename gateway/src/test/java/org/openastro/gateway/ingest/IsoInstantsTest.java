package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
  @Test
  void sameTextAsInstantToStringForMillisecondTimesAndAnyOther() {
    SplittableRandom random = new SplittableRandom(42);
    long now = Instant.parse("2026-11-25T14:31:05.120Z").toEpochMilli();
    for (int i = 0; i < 100_000; i++) {
      // runs of nearby times (the cached second reused and replaced), and times anywhere
      long ms = i % 10 == 0 ? random.nextLong(-62_000_000_000_000L, 300_000_000_000_000L) : now + random.nextLong(5_000);
      Instant at = Instant.ofEpochMilli(ms);
      assertThat(IsoInstants.format(at)).isEqualTo(at.toString());
    }
    for (String text : new String[] {"2026-11-25T14:31:05Z", "2026-11-25T14:31:05.100Z", "2026-11-25T14:31:05.001Z",
        "1969-12-31T23:59:59.999Z", "2026-11-25T14:31:05.000001Z", "2026-11-25T14:31:05.123456789Z"}) {
      assertThat(IsoInstants.format(Instant.parse(text))).isEqualTo(Instant.parse(text).toString());
    }
  }
}
