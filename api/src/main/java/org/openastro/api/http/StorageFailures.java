package org.openastro.api.http;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;

/** Tells a temporary storage outage (answer 503, client retries) from a bug (answer 500). */
final class StorageFailures {
  private StorageFailures() {}

  static boolean isUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AllNodesFailedException || c instanceof NoNodeAvailableException
          || c instanceof DriverTimeoutException || c instanceof UnavailableException
          || c instanceof QueryConsistencyException || c instanceof OverloadedException
          // a request in flight when the node went away (not retried unless idempotent)
          || c instanceof ClosedConnectionException || c instanceof HeartbeatException
          // the driver's throttler queue is full: this process is sending more than Cassandra takes
          || c instanceof RequestThrottlingException) {
        return true;
      }
    }
    return false;
  }
}
