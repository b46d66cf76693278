package org.openastro.stacker.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cameras write: 16-bit frames with BZERO 32768 and a BLANK value, and WCS header variants. */
class FitsFramesTest {
  @TempDir
  Path dir;

  @Test
  void sixteenBitFramesAreScaledByBzeroAndBlankIsAHole() throws Exception {
    short[][] raw = {{(short) (1000 - 32768), (short) (65535 - 32768)}, {-32768, 0}};
    Path file = dir.resolve("camera.fits");
    try (Fits fits = new Fits()) {
      BasicHDU<?> hdu = ImageData.from(raw).toHDU();
      Header h = hdu.getHeader();
      h.addValue("BZERO", 32768.0, "");
      h.addValue("BSCALE", 1.0, "");
      h.addValue("BLANK", -32768, "");
      fits.addHDU(hdu);
      fits.write(file.toFile());
    }
    Frame frame = FitsFrames.read(file, new TanWcs(0, 0, 1, 1, -1e-4, 0, 0, 1e-4));
    assertThat(frame.width()).isEqualTo(2);
    assertThat(frame.rows()[0][0]).isEqualTo(1000f);
    assertThat(frame.rows()[0][1]).isEqualTo(65535f);
    assertThat(frame.rows()[1][0]).isNaN();
    assertThat(frame.rows()[1][1]).isEqualTo(32768f);
  }

  @Test
  void aSipSuffixIsReadAsTanAndOtherProjectionsAreNamed() throws Exception {
    Header h = new Header();
    h.addValue("CTYPE1", "RA---TAN-SIP", "");
    h.addValue("CTYPE2", "DEC--TAN-SIP", "");
    h.addValue("CRVAL1", 10.0, "");
    h.addValue("CRVAL2", 20.0, "");
    h.addValue("CRPIX1", 5.0, "");
    h.addValue("CRPIX2", 6.0, "");
    h.addValue("CD1_1", -2e-4, "");
    h.addValue("CD2_2", 2e-4, "");
    TanWcs wcs = WcsHeader.read(h);
    assertThat(wcs.crval1).isEqualTo(10.0);
    assertThat(wcs.cd).containsExactly(-2e-4, 0, 0, 2e-4);

    h.addValue("CTYPE1", "RA---SIN", "");
    assertThatThrownBy(() -> WcsHeader.read(h)).hasMessageContaining("RA---SIN").hasMessageContaining("TAN");
    Header noCrpix = new Header();
    noCrpix.addValue("CTYPE1", "RA---TAN", "");
    noCrpix.addValue("CTYPE2", "DEC--TAN", "");
    noCrpix.addValue("CRVAL1", 10.0, "");
    noCrpix.addValue("CRVAL2", 20.0, "");
    assertThatThrownBy(() -> WcsHeader.read(noCrpix)).hasMessageContaining("no CRPIX1");
  }
}
