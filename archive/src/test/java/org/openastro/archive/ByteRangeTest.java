package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void singleRangesResolveAgainstTheLength() {
    assertThat(ByteRange.of("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 100));
    assertThat(ByteRange.of(" bytes = 10 - 10 ", 1000)).isEqualTo(new ByteRange(10, 1));
    assertThat(ByteRange.of("BYTES=990-", 1000)).isEqualTo(new ByteRange(990, 10));
    assertThat(ByteRange.of("bytes=990-5000", 1000)).isEqualTo(new ByteRange(990, 10));
    assertThat(ByteRange.of("bytes=-10", 1000)).isEqualTo(new ByteRange(990, 10));
    assertThat(ByteRange.of("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 1000));
    assertThat(ByteRange.of("bytes=0-99999999999999999999999", 1000)).isEqualTo(new ByteRange(0, 1000));
    assertThat(new ByteRange(990, 10).contentRange(1000)).isEqualTo("bytes 990-999/1000");
  }

  @Test
  void pastTheEndIsUnsatisfiable() {
    assertThat(ByteRange.of("bytes=1000-", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.of("bytes=99999999999999999999999-", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.of("bytes=-0", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.of("bytes=0-", 0)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.of("bytes=-1", 0)).isSameAs(ByteRange.UNSATISFIABLE);
  }

  @Test
  void whatIsNotOneValidByteRangeIsIgnored() {
    for (String h : new String[] {null, "", "bytes", "bytes=", "bytes=-", "items=0-1", "bytes=5-1", "bytes=a-b",
        "bytes=0-1,3-4", "bytes=1", "bytes=+1-2"}) {
      assertThat(ByteRange.of(h, 1000)).as(String.valueOf(h)).isNull();
    }
  }

  @Test
  void ifNoneMatchAndIfRange() {
    String etag = "\"" + "ab".repeat(32) + "\"";
    assertThat(ContentDownload.matches("*", etag)).isTrue();
    assertThat(ContentDownload.matches("\"x\", W/" + etag, etag)).isTrue();
    assertThat(ContentDownload.matches("\"x\"", etag)).isFalse();
    assertThat(ContentDownload.rangeStillValid(null, etag)).isTrue();
    assertThat(ContentDownload.rangeStillValid(etag, etag)).isTrue();
    assertThat(ContentDownload.rangeStillValid("W/" + etag, etag)).isFalse();
    assertThat(ContentDownload.rangeStillValid("Wed, 21 Oct 2015 07:28:00 GMT", etag)).isFalse();
  }
}
