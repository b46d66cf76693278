package org.openastro.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link CassandraTestNode} parameter (constructor, lifecycle and test methods):
 * one real Cassandra node per test JVM, started when first asked for and stopped when the test
 * run ends. Which node: see {@link TestNodeSettings} ({@code OPENASTRO_TEST_CASSANDRA} = auto,
 * local, docker or external).
 *
 * <pre>{@code
 * @ExtendWith(CassandraExtension.class)
 * class SomeTest {
 *   @Test void works(CassandraTestNode cassandra) { try (CqlSession s = cassandra.newSession()) { ... } }
 * }
 * }</pre>
 */
public final class CassandraExtension implements ParameterResolver {

  /** In the root store: shared by every test class of the JVM, closed at the end of the run. */
  private static final String STORE_KEY = CassandraTestNode.class.getName();

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == CassandraTestNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return sharedNode(extensionContext);
  }

  static CassandraTestNode sharedNode(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    return store.getOrComputeIfAbsent(STORE_KEY,
        key -> TestNodeStarter.start(TestNodeSettings.fromEnvironment()), StartedTestNode.class).node();
  }
}
