package org.openastro.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openastro.api.ApiPlatform;
import org.openastro.config.Config;
import org.openastro.cql.testing.Await;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API over TLS (issue 16): with HTTP_TLS_CERT_PATH and HTTP_TLS_KEY_PATH set, its one
 * port speaks HTTPS only, and a key that is not the certificate's stops the start.
 */
class HttpTlsIT {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  static String resource(String name) throws Exception {
    return Path.of(HttpTlsIT.class.getResource("/tls/" + name).toURI()).toString();
  }

  /** The listener as the process builds it from these settings (no routes beyond {@code /openapi.yaml}). */
  static HttpApiVerticle listener(String cert, String key) throws Exception {
    Config config = Config.from(Map.of("HTTP_TLS_CERT_PATH", resource(cert), "HTTP_TLS_KEY_PATH", resource(key)));
    return new HttpApiVerticle("127.0.0.1", 0, 65536, List.of(), new SimpleMeterRegistry(), null,
        HttpLimits.from(config), ApiPlatform.tls(config));
  }

  /** A client context that trusts exactly the test certificate (self-signed, CN=localhost). */
  static SSLContext trusting(String cert) throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = HttpTlsIT.class.getResourceAsStream("/tls/" + cert)) {
      trusted.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aClientTrustingTheCertificateIsServedOverHttpsAndPlainHttpOnThatPortFails() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger log = (Logger) LoggerFactory.getLogger(HttpApiVerticle.class);
    log.addAppender(logged);
    HttpApiVerticle https = listener("a-cert.pem", "a-key.pem");
    String deployment = Await.result(vertx.deployVerticle(https));
    try {
      int port = https.actualPort();
      HttpClient trustingClient = HttpClient.newBuilder().sslContext(trusting("a-cert.pem"))
          .connectTimeout(TIMEOUT).build();
      HttpResponse<String> answer = get(trustingClient, "https://localhost:" + port + "/openapi.yaml");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("openapi:");

      // the server closes at the first bytes that are no TLS record: no answer, not a timeout
      HttpClient plainClient = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      assertThatThrownBy(() -> get(plainClient, "http://127.0.0.1:" + port + "/openapi.yaml"))
          .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);

      assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
          .contains("HTTP API listening on 127.0.0.1:" + port + ", TLS on");
    } finally {
      log.detachAppender(logged);
      Await.result(vertx.undeploy(deployment));
    }
  }

  @Test
  void aKeyThatIsNotTheCertificatesStopsTheStartNamingTheKeySetting() throws Exception {
    HttpApiVerticle mismatched = listener("a-cert.pem", "b-key.pem");
    assertThatThrownBy(() -> Await.result(vertx.deployVerticle(mismatched)))
        .hasStackTraceContaining("HTTP_TLS_KEY_PATH=")
        .hasStackTraceContaining("is not the private key of the certificate HTTP_TLS_CERT_PATH=");
  }
}
