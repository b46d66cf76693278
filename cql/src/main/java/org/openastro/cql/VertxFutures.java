package org.openastro.cql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/** Bridges driver {@link CompletionStage}s to Vert.x futures completed on the caller's context. */
public final class VertxFutures {
  private VertxFutures() {}

  /**
   * The stage as a future whose callbacks run on the context of the calling verticle (so they
   * never touch its state from a driver I/O thread); outside Vert.x, on the completing thread.
   */
  public static <T> Future<T> onCallerContext(CompletionStage<T> stage) {
    Context context = Vertx.currentContext();
    return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
  }
}
