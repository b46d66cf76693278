package org.openastro.alerts;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a {@code healpix_url} sky map: only from the allowed URL prefixes (the server makes the
 * request, so a notice must not point it anywhere else), within {@code timeout} from connecting to
 * the last byte, and at most {@code maxBytes} (a larger {@code Content-Length} is refused before
 * the body, a body that grows past it is cut off). The JDK's asynchronous HTTP client runs on its
 * own threads; the answer comes back on the caller's Vert.x context, so no event loop waits.
 * Every refusal is an {@link AlertParseException} naming the field: the notice is answered 400
 * (or dead-lettered from Kafka) and counted.
 */
final class SkyMapFetcher {
  static final String UNAVAILABLE = "skymap_unavailable";
  static final String TOO_LARGE = "skymap_too_large";

  private final HttpClient client;
  private final Duration timeout;
  private final long maxBytes;
  private final List<String> allowedPrefixes;

  SkyMapFetcher(Duration timeout, long maxBytes, List<String> allowedPrefixes) {
    // HTTP/1.1: map servers are plain file servers, and an h2c upgrade attempt only costs a round trip.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.allowedPrefixes = List.copyOf(allowedPrefixes);
  }

  /** The map's bytes: carried in the notice, or fetched from its URL. */
  Future<byte[]> bytes(AlertRegion.SkyMap map) {
    if (map.fits() != null) {
      if (map.fits().length > maxBytes) {
        return Future.failedFuture(tooLarge(map.field(), map.fits().length));
      }
      return Future.succeededFuture(map.fits());
    }
    if (allowedPrefixes.stream().noneMatch(map.url()::startsWith)) {
      return Future.failedFuture(AlertParseException.invalid(map.field(), map.field() + " " + map.url()
          + " is not under an allowed sky map location (ALERT_SKYMAP_URL_PREFIXES)"));
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(map.url())).timeout(timeout).GET().build();
    CompletableFuture<byte[]> fetched = client.sendAsync(request, info -> limited(info, map))
        .thenApply(response -> {
          if (response.statusCode() != 200) {
            throw new CompletionException(unavailable(map, "it answered HTTP " + response.statusCode()));
          }
          return response.body();
        })
        // The request timeout ends at the headers; this bounds a body that trickles in too.
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Context context = Vertx.currentContext();
    Future<byte[]> f = context == null ? Future.fromCompletionStage(fetched) : Future.fromCompletionStage(fetched, context);
    return f.recover(t -> {
      Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      // The client may wrap what the body subscriber failed with (in an IOException): find our refusal.
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof AlertParseException refused) {
          return Future.failedFuture(refused);
        }
      }
      if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
        fetched.cancel(true);
        return Future.failedFuture(unavailable(map, "it did not answer within " + timeout.toMillis()
            + " ms (ALERT_SKYMAP_FETCH_TIMEOUT)"));
      }
      return Future.failedFuture(unavailable(map, String.valueOf(cause.getMessage() != null ? cause.getMessage()
          : cause.getClass().getSimpleName())));
    });
  }

  private BodySubscriber<byte[]> limited(HttpResponse.ResponseInfo info, AlertRegion.SkyMap map) {
    long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
    if (declared > maxBytes) {
      return failing(tooLarge(map.field(), declared));
    }
    return new Limited(maxBytes, map.field());
  }

  private static BodySubscriber<byte[]> failing(AlertParseException e) {
    CompletableFuture<byte[]> failed = CompletableFuture.failedFuture(e);
    return new BodySubscriber<>() {
      @Override
      public java.util.concurrent.CompletionStage<byte[]> getBody() {
        return failed;
      }

      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.cancel();
      }

      @Override
      public void onNext(List<ByteBuffer> item) {}

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    };
  }

  /** Collects the body up to the limit; past it, cancels the download and fails. */
  private final class Limited implements BodySubscriber<byte[]> {
    private final long limit;
    private final String field;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Limited(long limit, String field) {
      this.limit = limit;
      this.field = field;
    }

    @Override
    public java.util.concurrent.CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (out.size() + (long) b.remaining() > limit) {
          subscription.cancel();
          body.completeExceptionally(tooLarge(field, out.size() + (long) b.remaining()));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(out.toByteArray());
    }
  }

  private AlertParseException tooLarge(String field, long bytes) {
    return new AlertParseException(TOO_LARGE, field, "the sky map of " + field + " is larger than "
        + maxBytes + " bytes (ALERT_SKYMAP_MAX_BYTES)" + (bytes > 0 ? ": at least " + bytes : ""));
  }

  private static AlertParseException unavailable(AlertRegion.SkyMap map, String why) {
    return new AlertParseException(UNAVAILABLE, map.field(), "the sky map at " + map.url() + " could not be fetched: "
        + why);
  }
}
