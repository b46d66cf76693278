package org.openastro.cql.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Qualifies the unqualified table names of the .cql files with the target keyspace. The files stay
 * keyspace-free (the keyspace is a setting), and no per-statement keyspace is needed, which
 * protocol v4 (ScyllaDB) lacks.
 */
final class TableNames {
  private static final Pattern TABLE_DDL = Pattern.compile(
      "^(CREATE TABLE IF NOT EXISTS|ALTER TABLE|DROP TABLE IF EXISTS)\\s+([a-z][a-z0-9_]*)(\\s|\\()",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern INDEX_DDL = Pattern.compile(
      "^(CREATE INDEX IF NOT EXISTS\\s+[a-z][a-z0-9_]*\\s+ON)\\s+([a-z][a-z0-9_]*)(\\s|\\()",
      Pattern.CASE_INSENSITIVE);

  private TableNames() {}

  static String qualify(String statement, String keyspace) {
    for (Pattern pattern : new Pattern[] {TABLE_DDL, INDEX_DDL}) {
      Matcher m = pattern.matcher(statement);
      if (m.find()) {
        return m.group(1) + " " + keyspace + "." + m.group(2) + m.group(3)
            + statement.substring(m.end());
      }
    }
    throw new IllegalStateException("schema statement is not one of CREATE TABLE IF NOT EXISTS,"
        + " ALTER TABLE, DROP TABLE IF EXISTS, CREATE INDEX IF NOT EXISTS with an unqualified"
        + " lowercase table name: " + statement);
  }
}
