package org.openastro.stacker.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The reprojected frames, spilled to disk one grid-sized float file each, combined in bands of
 * rows: a band of every frame is in memory at once, sized so the bands of all frames plus the
 * stack itself stay within {@code maxFramesInMemory} grid frames, whatever the number of frames.
 */
final class BandCombine {
  private BandCombine() {}

  /** Writes a reprojected frame to {@code file}, row by row (one row in memory). */
  static void spill(Reprojection frame, CommonGrid grid, Path file) throws IOException {
    float[] row = new float[grid.width()];
    ByteBuffer bytes = ByteBuffer.allocate(grid.width() * Float.BYTES).order(ByteOrder.nativeOrder());
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      for (int y = 0; y < grid.height(); y++) {
        frame.row(y, row);
        bytes.clear();
        bytes.asFloatBuffer().put(row);
        bytes.limit(row.length * Float.BYTES);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
    }
  }

  /** Rows per band: the share of {@code maxFramesInMemory} left beside the stack, over the frames. */
  static int bandRows(CommonGrid grid, int frames, int maxFramesInMemory) {
    long rows = (long) (maxFramesInMemory - 1) * grid.height() / Math.max(1, frames);
    return (int) Math.max(1, Math.min(grid.height(), rows));
  }

  /** The clipped mean of the spilled frames, as rows of the grid. */
  static float[][] combine(List<Path> spilled, CommonGrid grid, SigmaClip clip, int maxFramesInMemory)
      throws IOException {
    int width = grid.width();
    int height = grid.height();
    int n = spilled.size();
    int band = bandRows(grid, n, maxFramesInMemory);
    float[][] stack = new float[height][width];
    List<FileChannel> channels = new ArrayList<>();
    try {
      for (Path p : spilled) {
        channels.add(FileChannel.open(p, StandardOpenOption.READ));
      }
      ByteBuffer[] buffers = new ByteBuffer[n];
      FloatBuffer[] floats = new FloatBuffer[n];
      for (int i = 0; i < n; i++) {
        buffers[i] = ByteBuffer.allocate(band * width * Float.BYTES).order(ByteOrder.nativeOrder());
      }
      float[] values = new float[n];
      for (int y0 = 0; y0 < height; y0 += band) {
        int rows = Math.min(band, height - y0);
        for (int i = 0; i < n; i++) {
          ByteBuffer b = buffers[i];
          b.clear();
          b.limit(rows * width * Float.BYTES);
          long position = (long) y0 * width * Float.BYTES;
          while (b.hasRemaining()) {
            int read = channels.get(i).read(b, position + b.position());
            if (read < 0) {
              throw new IOException("spilled frame " + spilled.get(i) + " ended early");
            }
          }
          b.flip();
          floats[i] = b.asFloatBuffer();
        }
        for (int r = 0; r < rows; r++) {
          float[] out = stack[y0 + r];
          int offset = r * width;
          for (int x = 0; x < width; x++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
              float v = floats[i].get(offset + x);
              if (!Float.isNaN(v)) {
                values[k++] = v;
              }
            }
            out[x] = clip.mean(values, k);
          }
        }
      }
    } finally {
      for (FileChannel c : channels) {
        c.close();
      }
    }
    return stack;
  }
}
