package org.openastro.archive.torrent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding (BEP 3), the encoding of .torrent files: integers {@code i42e}, byte strings
 * {@code 4:spam}, lists {@code l...e} and dictionaries {@code d...e} whose keys are byte strings
 * sorted as raw bytes. Encoding is canonical (keys sorted, no leading zeros), which matters: the
 * info-hashes are hashes of the encoded {@code info} dictionary.
 *
 * <p>Encodes {@link Long}/{@link Integer}, {@code byte[]}, {@link String} (as UTF-8), {@link List},
 * {@link Map} (keys {@link String} as UTF-8 or {@code byte[]}) and {@link Raw} (already encoded,
 * copied verbatim: a stored info dictionary keeps its exact bytes, so its hash). Decodes to
 * {@link Long}, {@code byte[]}, {@link List} and {@link Map} with keys as ISO-8859-1 strings (one
 * char per byte, so binary keys such as the {@code piece layers}' hashes survive).
 */
final class Bencode {
  /** A value that is bencoded already, written as it is. */
  record Raw(byte[] bytes) {}

  private Bencode() {}

  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value instanceof Long || value instanceof Integer) {
      out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof byte[] bytes) {
      out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(bytes);
    } else if (value instanceof String text) {
      write(out, text.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof Raw raw) {
      out.writeBytes(raw.bytes());
    } else if (value instanceof List<?> list) {
      out.write('l');
      list.forEach(item -> write(out, item));
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      // BEP 3: keys sorted as raw strings, so by their bytes, not by Java's UTF-16 order
      TreeMap<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
      map.forEach((k, v) -> {
        if (sorted.put(keyBytes(k), v) != null) {
          throw new IllegalArgumentException("duplicate dictionary key " + k);
        }
      });
      out.write('d');
      sorted.forEach((k, v) -> {
        write(out, k);
        write(out, v);
      });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass().getName()));
    }
  }

  private static byte[] keyBytes(Object key) {
    if (key instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (key instanceof byte[] b) {
      return b;
    }
    throw new IllegalArgumentException("a dictionary key must be a string or bytes: " + key);
  }

  /** Decodes exactly one value spanning all of {@code data}; malformed input throws IllegalArgumentException. */
  static Object decode(byte[] data) {
    Decoder d = new Decoder(data);
    Object value = d.value();
    if (d.pos != data.length) {
      throw new IllegalArgumentException("trailing bytes after the value at " + d.pos);
    }
    return value;
  }

  /** A dictionary key or byte string read back as the ISO-8859-1 string of its bytes. */
  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static final class Decoder {
    private final byte[] data;
    private int pos;

    Decoder(byte[] data) {
      this.data = data;
    }

    Object value() {
      byte b = peek();
      if (b == 'i') {
        pos++;
        long n = number('e');
        return n;
      }
      if (b == 'l') {
        pos++;
        List<Object> list = new ArrayList<>();
        while (peek() != 'e') {
          list.add(value());
        }
        pos++;
        return list;
      }
      if (b == 'd') {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        byte[] previous = null;
        while (peek() != 'e') {
          byte[] key = string();
          if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
            throw new IllegalArgumentException("dictionary keys not sorted at " + pos);
          }
          previous = key;
          map.put(latin1(key), value());
        }
        pos++;
        return map;
      }
      if (b >= '0' && b <= '9') {
        return string();
      }
      throw new IllegalArgumentException("unexpected byte '" + (char) b + "' at " + pos);
    }

    private byte[] string() {
      long length = number(':');
      if (length < 0 || length > data.length - pos) {
        throw new IllegalArgumentException("string of " + length + " bytes past the end at " + pos);
      }
      byte[] s = Arrays.copyOfRange(data, pos, pos + (int) length);
      pos += (int) length;
      return s;
    }

    private long number(char end) {
      int start = pos;
      while (peek() != end) {
        pos++;
      }
      String text = new String(data, start, pos - start, StandardCharsets.US_ASCII);
      pos++;
      if (!text.matches("-?(0|[1-9][0-9]*)") || text.equals("-0")) {
        throw new IllegalArgumentException("not a canonical integer '" + text + "' at " + start);
      }
      return Long.parseLong(text);
    }

    private byte peek() {
      if (pos >= data.length) {
        throw new IllegalArgumentException("unexpected end of data");
      }
      return data[pos];
    }
  }
}
