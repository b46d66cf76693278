package org.openastro.cql.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaFileTest {
  @Test
  void splitsStatementsAndDropsComments() {
    SchemaFile file = SchemaFile.parse("V007__things.cql", """
        -- a comment; with a semicolon
        CREATE TABLE IF NOT EXISTS a (
            id uuid PRIMARY KEY
        ) WITH comment = 'Serves x';

        -- another
        CREATE TABLE IF NOT EXISTS b (id uuid PRIMARY KEY);
        """);
    assertThat(file.version()).isEqualTo(7);
    assertThat(file.statements()).hasSize(2);
    assertThat(file.statements().get(0)).startsWith("CREATE TABLE IF NOT EXISTS a (").endsWith("'Serves x'");
    assertThat(file.statements().get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS b (id uuid PRIMARY KEY)");
  }

  @Test
  void checksumChangesWithContent() {
    assertThat(SchemaFile.parse("V001__a.cql", "CREATE TABLE IF NOT EXISTS a (id int PRIMARY KEY);").checksum())
        .isNotEqualTo(SchemaFile.parse("V001__a.cql", "CREATE TABLE IF NOT EXISTS a (id uuid PRIMARY KEY);").checksum());
  }

  @Test
  void badFileNameIsRefused() {
    assertThatThrownBy(() -> SchemaFile.parse("nodes.cql", "")).hasMessageContaining("V<nnn>__");
  }

  @Test
  void shippedFilesAreNumberedInOrderAndEveryTableHasAComment() {
    List<SchemaFile> files = SchemaFile.loadAll();
    for (int i = 0; i < files.size(); i++) {
      // Ascending and unique. Versions are reserved per branch (V007 and V009 are taken by work
      // merged separately), so a branch may ship V008 before V007 lands: a gap, never a reorder.
      assertThat(files.get(i).version()).isGreaterThan(i == 0 ? 0 : files.get(i - 1).version());
      for (String statement : files.get(i).statements()) {
        if (statement.startsWith("CREATE TABLE")) {
          assertThat(statement).as(files.get(i).name()).contains("comment = '");
        }
        // every statement must be one the applier can qualify with the keyspace
        assertThat(TableNames.qualify(statement, "ks")).contains(" ks.");
      }
    }
  }

  @Test
  void qualifiesTableNames() {
    assertThat(TableNames.qualify("CREATE TABLE IF NOT EXISTS nodes (id uuid PRIMARY KEY)", "openastro"))
        .isEqualTo("CREATE TABLE IF NOT EXISTS openastro.nodes (id uuid PRIMARY KEY)");
    assertThat(TableNames.qualify("ALTER TABLE nodes ADD x int", "k")).isEqualTo("ALTER TABLE k.nodes ADD x int");
    assertThatThrownBy(() -> TableNames.qualify("DROP KEYSPACE x", "k")).hasMessageContaining("not one of");
  }
}
