package org.openastro.scheduler.astro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The astropy reference files (tools/astro-reference): comma-separated, one header line, # comments. */
final class ReferenceCsv {
  private ReferenceCsv() {}

  /** One data line, read by column name. */
  record Row(String resource, List<String> header, List<String> cells) {
    String get(String column) {
      int i = header.indexOf(column);
      if (i < 0) {
        throw new IllegalStateException("no column " + column + " in " + resource);
      }
      return cells.get(i);
    }

    /** A number; {@code inf} (a constraint that is off) is positive infinity. */
    double num(String column) {
      String v = get(column);
      return "inf".equals(v) ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
    }
  }

  static List<Row> rows(String resource) {
    InputStream in = ReferenceCsv.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " missing from the test classpath");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<Row> rows = new ArrayList<>();
      List<String> header = null;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> cells = Arrays.asList(line.split(",", -1));
        if (header == null) {
          header = cells;
        } else {
          rows.add(new Row(resource, header, cells));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
