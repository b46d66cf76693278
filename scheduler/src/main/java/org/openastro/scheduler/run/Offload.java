package org.openastro.scheduler.run;

import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * Runs CPU-heavy pure work (visibility) off the event loop. Unit tests run it inline, which keeps
 * the run classes free of a Vert.x instance.
 */
interface Offload {
  <T> Future<T> run(Callable<T> work);
}
