package org.openastro.stacker.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;

/**
 * The reference stacking pipeline, file to file and blocking (callers run it on a worker thread):
 * reads each frame's TAN WCS, chooses the common grid ({@link CommonGrid}), reprojects every frame
 * onto it with bilinear interpolation ({@link Reprojection}), spills them to {@code workDir}, and
 * combines them with a sigma-clipped mean ({@link SigmaClip}) in bands ({@link BandCombine}); writes
 * a 32-bit float FITS whose header records the grid, the clipping and every input (artifact id,
 * SHA-256, nodes). Deterministic: the same inputs give the same bytes (no clock in the header), so
 * a rerun produces the same SHA-256 and registers as a replay.
 */
public final class FitsStacker {
  /** Inputs beyond this are not recorded in the header (three-digit keywords); the settings keep below it. */
  public static final int MAX_INPUTS = 999;

  /** A frame to stack: its artifact, content digest, the nodes that took it, and where its bytes are. */
  public record Input(UUID artifactId, String sha256, Set<UUID> nodeIds, Path file) {}

  /** How to combine, and the bounds of one run. */
  public record Options(double clipSigma, int clipIterations, int maxFramesInMemory, long maxOutputPixels) {
    public Options {
      if (maxFramesInMemory < 2) {
        throw new IllegalArgumentException("maxFramesInMemory must be at least 2 (one frame read, the stack)");
      }
    }
  }

  /** A frame left out, and why. */
  public record Skipped(UUID artifactId, String reason) {}

  /** What was written: the grid size, the frames stacked and left out, and the file's SHA-256. */
  public record Result(int width, int height, List<Input> stacked, List<Skipped> skipped, String sha256) {}

  private final Options options;

  public FitsStacker(Options options) {
    this.options = options;
  }

  /**
   * Stacks {@code inputs} (in the order given, which the header keeps) into {@code output}.
   * Frames without a usable TAN WCS or image are skipped and reported; IllegalArgumentException
   * when none is usable or the grid would exceed {@code maxOutputPixels}.
   */
  public Result stack(String title, List<Input> inputs, Path output, Path workDir) throws IOException {
    if (inputs.size() > MAX_INPUTS) {
      throw new IllegalArgumentException(inputs.size() + " inputs; at most " + MAX_INPUTS);
    }
    List<Input> usable = new ArrayList<>();
    List<TanWcs> wcs = new ArrayList<>();
    List<CommonGrid.Footprint> footprints = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Input in : inputs) {
      try {
        Header h = FitsFrames.header(in.file());
        TanWcs w = WcsHeader.read(h);
        usable.add(in);
        wcs.add(w);
        footprints.add(new CommonGrid.Footprint(w, FitsFrames.width(h), FitsFrames.height(h)));
      } catch (IOException | IllegalArgumentException e) {
        skipped.add(new Skipped(in.artifactId(), e.getMessage()));
      }
    }
    if (usable.isEmpty()) {
      throw new IllegalArgumentException("no frame has a usable image and TAN WCS: " + skipped);
    }
    CommonGrid grid = CommonGrid.covering(footprints, options.maxOutputPixels());
    Files.createDirectories(workDir);
    List<Path> spilled = new ArrayList<>();
    try {
      for (int i = 0; i < usable.size(); i++) {
        Frame frame = FitsFrames.read(usable.get(i).file(), wcs.get(i));
        Path file = workDir.resolve("reprojected-" + i + ".f32");
        spilled.add(file);
        BandCombine.spill(new Reprojection(frame, grid), grid, file);
      }
      float[][] stack = BandCombine.combine(spilled, grid,
          new SigmaClip(options.clipSigma(), options.clipIterations()), options.maxFramesInMemory());
      write(title, stack, grid, usable, output);
    } finally {
      for (Path p : spilled) {
        Files.deleteIfExists(p);
      }
    }
    return new Result(grid.width(), grid.height(), List.copyOf(usable), List.copyOf(skipped), sha256(output));
  }

  private void write(String title, float[][] stack, CommonGrid grid, List<Input> inputs, Path output)
      throws IOException {
    try (Fits fits = new Fits()) {
      ImageHDU hdu = ImageData.from(stack).toHDU();
      Header h = hdu.getHeader();
      WcsHeader.write(grid.wcs(), h);
      h.addValue("BUNIT", "counts", "per pixel of this grid, sky subtracted");
      h.addValue("IMAGETYP", "STACKED", "");
      h.addValue("OBJECT", title, "");
      h.addValue("ORIGIN", "OpenAstro reference stacker", "");
      h.addValue("COMBINE", "SIGCLIP-MEAN", "sigma-clipped mean about the median");
      h.addValue("CLIPSIG", options.clipSigma(), "[sigma] rejection threshold");
      h.addValue("CLIPITER", options.clipIterations(), "clipping rounds at most");
      h.addValue("RESAMPLE", "BILINEAR", "TAN to TAN, flux per pixel area kept");
      h.addValue("SKYSUB", true, "each frame's median sky taken off");
      h.addValue("NCOMBINE", inputs.size(), "frames stacked");
      for (int i = 0; i < inputs.size(); i++) {
        Input in = inputs.get(i);
        String n = String.format("%03d", i + 1);
        h.addValue("ART" + n, in.artifactId().toString(), "input artifact id");
        h.addValue("SHA" + n, in.sha256(), "");
        List<UUID> nodes = in.nodeIds().stream().sorted().toList();
        for (int k = 0; k < nodes.size() && k < 26; k++) {
          // one card per node (a UUID fills most of a card's value): NOD001, NOD001B, NOD001C...
          h.addValue("NOD" + n + (k == 0 ? "" : String.valueOf((char) ('A' + k))), nodes.get(k).toString(),
              "node that took it");
        }
      }
      fits.addHDU(hdu);
      fits.write(output.toFile());
    } catch (FitsException e) {
      throw new IOException("could not write the stack: " + e.getMessage(), e);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
