package org.openastro.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, one request per connection ({@code Connection: close}),
 * so that a fuzzer can send what {@link java.net.http.HttpClient} refuses to: malformed %-escapes and
 * raw bytes in the request target, any content type or none, any body bytes.
 */
final class RawHttp {
  private RawHttp() {
  }

  /** An answer; {@code status} -1 when the server closed without answering, -2 on a read timeout. */
  record Response(int status, Map<String, String> headers, byte[] body, String transportError) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  static Response send(int port, String method, String target, Map<String, String> headers, byte[] body,
      int timeoutMillis) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(timeoutMillis);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      head.append("Connection: close\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      String writeError = null;
      try {
        // the target may carry raw non-ASCII characters: sent as their UTF-8 bytes
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // the server may answer (413) and close before the whole body is written: read the answer
        writeError = "write: " + e;
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          answer.write(buffer, 0, n);
          if (isEventStream(answer.toByteArray())) {
            break; // an event stream (GET /api/v1/events) never ends: its head is the whole answer
          }
        }
      } catch (SocketTimeoutException timeout) {
        return parse(answer.toByteArray(), "read timeout after " + timeoutMillis + " ms", -2);
      } catch (IOException reset) {
        if (answer.size() == 0) {
          return new Response(-1, Map.of(), new byte[0], (writeError == null ? "" : writeError + "; ") + "read: " + reset);
        }
      }
      return parse(answer.toByteArray(), writeError, -1);
    } catch (IOException e) {
      return new Response(-1, Map.of(), new byte[0], "connect: " + e);
    }
  }

  /** True when {@code raw} holds a complete head of a 200 {@code text/event-stream} answer. */
  private static boolean isEventStream(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      return false;
    }
    String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return head.startsWith("http/1.1 200") && head.contains("\r\ncontent-type: text/event-stream");
  }

  private static Response parse(byte[] raw, String transportError, int statusWhenNone) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      return new Response(statusWhenNone, Map.of(), raw, transportError == null ? "no complete response head" : transportError);
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status;
    try {
      status = Integer.parseInt(lines[0].substring(9, 12));
    } catch (RuntimeException e) {
      return new Response(statusWhenNone, Map.of(), raw, "bad status line: " + lines[0]);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body, transportError);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < chunked.length) {
      int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, pos);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int n;
      try {
        n = Integer.parseInt(size, 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (n == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(chunked, start, Math.min(n, chunked.length - start));
      pos = start + n + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
