package org.openastro.cql.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One versioned {@code .cql} resource: its version number, statements and checksum. */
record SchemaFile(int version, String name, List<String> statements, String checksum) {
  static final String RESOURCE_DIR = "/org/openastro/cql/schema/";

  /** Reads the files listed in {@code versions.txt}, in order. */
  static List<SchemaFile> loadAll() {
    List<SchemaFile> files = new ArrayList<>();
    for (String line : read("versions.txt").split("\n")) {
      String name = line.trim();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      files.add(parse(name, read(name)));
    }
    return files;
  }

  static SchemaFile parse(String name, String text) {
    if (!name.matches("V\\d{3}__[a-z0-9_]+\\.cql")) {
      throw new IllegalStateException("schema file name " + name + " is not V<nnn>__<words>.cql");
    }
    int version = Integer.parseInt(name.substring(1, 4));
    StringBuilder withoutComments = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    // Statements end with ';' at the end of a line; comments in table options never do.
    for (String statement : withoutComments.toString().split(";\\s*\n")) {
      String s = statement.trim();
      if (s.endsWith(";")) {
        s = s.substring(0, s.length() - 1).trim();
      }
      if (!s.isEmpty()) {
        statements.add(s);
      }
    }
    return new SchemaFile(version, name, List.copyOf(statements), sha256(text));
  }

  private static String read(String name) {
    try (InputStream in = SchemaFile.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("schema resource " + RESOURCE_DIR + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema resource " + name, e);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
