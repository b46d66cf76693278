package org.openastro.testsupport.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link KafkaTestBroker} parameter: one real broker per test JVM, started when first
 * asked for, shared by every test class, stopped (and its data deleted) when the test run ends.
 * Tests keep apart by topic and consumer-group names of their own.
 */
public final class KafkaExtension implements ParameterResolver {
  private static final String STORE_KEY = KafkaTestBroker.class.getName();

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == KafkaTestBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return extensionContext.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(STORE_KEY, key -> KafkaTestBroker.start(), KafkaTestBroker.class);
  }
}
