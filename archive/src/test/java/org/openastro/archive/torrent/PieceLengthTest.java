package org.openastro.archive.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PieceLengthTest {
  static final long KIB = 1024;
  static final long MIB = KIB * KIB;

  @Test
  void autoIsTheSmallestPowerOfTwoFrom16KibThatKeepsThePieceLimit() {
    assertThat(PieceLength.choose(1, 0, 2048)).isEqualTo(16 * KIB);
    assertThat(PieceLength.choose(32 * MIB, 0, 2048)).isEqualTo(16 * KIB);
    assertThat(PieceLength.choose(32 * MIB + 1, 0, 2048)).isEqualTo(32 * KIB);
    assertThat(PieceLength.choose(1024 * MIB, 0, 2048)).isEqualTo(512 * KIB);
    assertThat(PieceLength.choose(10 * 1024 * MIB, 0, 2048)).isEqualTo(8 * MIB);
  }

  @Test
  void aConfiguredLengthIsKeptUnlessTheContentWouldNeedTooManyPieces() {
    assertThat(PieceLength.choose(3 * MIB, 256 * KIB, 2048)).isEqualTo(256 * KIB);
    assertThat(PieceLength.choose(3 * MIB, 256 * KIB, 4)).isEqualTo(1 * MIB);
    assertThat(PieceLength.pieces(3 * MIB, MIB)).isEqualTo(3);
    assertThat(PieceLength.pieces(3 * MIB + 1, MIB)).isEqualTo(4);
  }

  @Test
  void refusesLengthsV2CannotUse() {
    assertThatThrownBy(() -> PieceLength.choose(1, 8 * KIB, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PieceLength.choose(1, 48 * KIB, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
