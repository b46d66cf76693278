package org.openastro.alerts;

import io.vertx.core.Future;

/** The field (degrees, the diameter a node's field covers in any orientation) pointings are sized to. */
interface FieldOfView {
  Future<Double> fieldDeg();

  static FieldOfView fixed(double deg) {
    return () -> Future.succeededFuture(deg);
  }
}
