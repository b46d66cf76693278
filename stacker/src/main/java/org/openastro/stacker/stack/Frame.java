package org.openastro.stacker.stack;

/** One image: rows of pixels ({@code rows[y][x]}, FITS pixel (x+1, y+1)) and its TAN WCS. */
record Frame(float[][] rows, int width, int height, TanWcs wcs) {
  Frame {
    if (rows.length != height || (height > 0 && rows[0].length != width)) {
      throw new IllegalArgumentException("rows do not match " + width + " x " + height);
    }
  }
}
