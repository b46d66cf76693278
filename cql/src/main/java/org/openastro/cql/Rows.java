package org.openastro.cql;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading all pages of an async result without blocking. */
public final class Rows {
  private Rows() {}

  /** Maps every row of every page; fetches further pages asynchronously. */
  public static <T> Future<List<T>> all(AsyncResultSet first, Function<Row, T> mapper) {
    List<T> out = new ArrayList<>();
    return collect(first, mapper, out);
  }

  private static <T> Future<List<T>> collect(AsyncResultSet page, Function<Row, T> mapper, List<T> out) {
    for (Row row : page.currentPage()) {
      out.add(mapper.apply(row));
    }
    if (!page.hasMorePages()) {
      return Future.succeededFuture(out);
    }
    return VertxFutures.onCallerContext(page.fetchNextPage()).compose(next -> collect(next, mapper, out));
  }
}
