package org.openastro.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PublishGateTest {
  private final PublishGate gate = new PublishGate();
  private final AtomicInteger resumed = new AtomicInteger();

  @Test
  void openLetsEveryPublishThrough() {
    assertThat(gate.passOrPark(resumed::incrementAndGet)).isTrue();
    assertThat(resumed).hasValue(0);
  }

  @Test
  void closedHoldsPublishesAndOpeningResumesEachOnce() {
    gate.close();
    assertThat(gate.passOrPark(resumed::incrementAndGet)).isFalse();
    assertThat(gate.passOrPark(resumed::incrementAndGet)).isFalse();
    assertThat(resumed).hasValue(0);

    gate.open();
    gate.open();

    assertThat(resumed).hasValue(2);
  }
}
