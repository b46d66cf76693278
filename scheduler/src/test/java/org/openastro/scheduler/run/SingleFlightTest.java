package org.openastro.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
  private final List<String> started = new ArrayList<>();
  private final List<Promise<Void>> runs = new ArrayList<>();
  private final SingleFlight<String, Integer> flight = new SingleFlight<>((key, arg) -> {
    started.add(key + arg);
    Promise<Void> run = Promise.promise();
    runs.add(run);
    return run.future();
  });

  @Test
  void callsWhileAKeyRunsFoldIntoOneMoreRunWithTheNewestArgument() {
    Future<Void> first = flight.submit("m", 1);
    Future<Void> second = flight.submit("m", 2);
    Future<Void> third = flight.submit("m", 3);
    assertThat(started).containsExactly("m1");

    runs.get(0).complete();
    assertThat(first.succeeded()).isTrue();
    assertThat(second.isComplete()).isFalse();
    assertThat(started).containsExactly("m1", "m3");

    runs.get(1).complete();
    assertThat(second.succeeded()).isTrue();
    assertThat(third.succeeded()).isTrue();
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void keysRunIndependently() {
    flight.submit("a", 1);
    flight.submit("b", 1);
    assertThat(started).containsExactly("a1", "b1");
    assertThat(flight.inFlight()).isEqualTo(2);
  }

  @Test
  void aFailedRunFailsItsCallersAndTheFoldedRunStillHappens() {
    Future<Void> first = flight.submit("m", 1);
    Future<Void> folded = flight.submit("m", 2);
    runs.get(0).fail("boom");
    assertThat(first.failed()).isTrue();
    assertThat(started).containsExactly("m1", "m2");
    runs.get(1).complete();
    assertThat(folded.succeeded()).isTrue();
  }

  @Test
  void aWorkThatThrowsFailsItsCallerAndFreesTheKey() {
    SingleFlight<String, Integer> throwing = new SingleFlight<>((k, a) -> {
      throw new IllegalStateException("no");
    });
    assertThat(throwing.submit("m", 1).failed()).isTrue();
    assertThat(throwing.inFlight()).isZero();
  }
}
