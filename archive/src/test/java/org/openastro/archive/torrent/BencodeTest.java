package org.openastro.archive.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BencodeTest {
  private static String text(Object value) {
    return new String(Bencode.encode(value), StandardCharsets.ISO_8859_1);
  }

  @Test
  void encodesTheFourTypesAsBep3Writes() {
    assertThat(text(42L)).isEqualTo("i42e");
    assertThat(text(-3)).isEqualTo("i-3e");
    assertThat(text(0L)).isEqualTo("i0e");
    assertThat(text("spam")).isEqualTo("4:spam");
    assertThat(text("")).isEqualTo("0:");
    assertThat(text(new byte[] {0, (byte) 0xff})).isEqualTo("2:\u0000\u00ff");
    assertThat(text(List.of("spam", 7L))).isEqualTo("l4:spami7ee");
    assertThat(text(Map.of())).isEqualTo("de");
  }

  @Test
  void stringsAreUtf8AndCountedInBytes() {
    assertThat(Bencode.encode("é")).isEqualTo("2:é".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void dictionaryKeysAreSortedByTheirBytesWhateverTheMapsOrder() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("piece length", 1L);
    map.put("b", 2L);
    map.put("a", 3L);
    // U+00E9 is 0xC3 0xA9 in UTF-8: after every ASCII key
    map.put("é", 4L);
    map.put("Z", 5L);
    assertThat(new String(Bencode.encode(map), StandardCharsets.UTF_8))
        .isEqualTo("d1:Zi5e1:ai3e1:bi2e12:piece lengthi1e2:éi4ee");
    Map<Object, Object> binary = new LinkedHashMap<>();
    binary.put(new byte[] {(byte) 0x80}, 1L);
    binary.put(new byte[] {0x7f}, 2L);
    assertThat(text(binary)).isEqualTo("d1:\u007fi2e1:\u0080i1ee");
  }

  @Test
  void rawValuesAreCopiedVerbatim() {
    byte[] info = Bencode.encode(Map.of("name", "x"));
    assertThat(text(Map.of("info", new Bencode.Raw(info)))).isEqualTo("d4:infod4:name1:xee");
  }

  @Test
  void decodesWhatItEncodes() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("list", List.of(1L, "two", List.of()));
    map.put("n", -12L);
    byte[] encoded = Bencode.encode(map);
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) Bencode.decode(encoded);
    assertThat(back.get("n")).isEqualTo(-12L);
    List<?> list = (List<?>) back.get("list");
    assertThat(list.get(0)).isEqualTo(1L);
    assertThat((byte[]) list.get(1)).isEqualTo("two".getBytes(StandardCharsets.US_ASCII));
    assertThat(Bencode.encode(back)).isEqualTo(encoded);
  }

  @Test
  void refusesWhatIsNotCanonicalOrComplete() {
    for (String bad : List.of("i03e", "i-0e", "ie", "d1:bi1e1:ai2ee", "4:abc", "l", "i1ei2e", "x")) {
      assertThatThrownBy(() -> Bencode.decode(bad.getBytes(StandardCharsets.ISO_8859_1)))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Bencode.encode(Map.of("k", 1.5))).isInstanceOf(IllegalArgumentException.class);
  }
}
