package org.openastro.cql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Keyspace replication: SimpleStrategy with one factor, or NetworkTopologyStrategy per DC. */
public record Replication(String strategy, Map<String, Integer> factors) {
  public static final String SIMPLE = "SimpleStrategy";
  public static final String NETWORK_TOPOLOGY = "NetworkTopologyStrategy";

  public Replication {
    factors = Map.copyOf(factors);
  }

  /** Parses {@code SimpleStrategy:1} or {@code NetworkTopologyStrategy:dc1=3,dc2=3}. */
  public static Replication parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected <strategy>:<factors>");
    }
    String strategy = text.substring(0, colon).trim();
    String rest = text.substring(colon + 1).trim();
    if (strategy.equals(SIMPLE)) {
      return new Replication(SIMPLE, Map.of("replication_factor", factor(rest)));
    }
    if (strategy.equals(NETWORK_TOPOLOGY)) {
      Map<String, Integer> factors = new LinkedHashMap<>();
      for (String pair : rest.split(",")) {
        String[] kv = pair.split("=");
        if (kv.length != 2 || !kv[0].trim().matches("[A-Za-z0-9_.-]+")) {
          throw new IllegalArgumentException("expected <dc>=<rf> pairs, got '" + pair + "'");
        }
        factors.put(kv[0].trim(), factor(kv[1]));
      }
      return new Replication(NETWORK_TOPOLOGY, factors);
    }
    throw new IllegalArgumentException(
        "strategy must be " + SIMPLE + " or " + NETWORK_TOPOLOGY + ", not '" + strategy + "'");
  }

  private static int factor(String text) {
    try {
      int rf = Integer.parseInt(text.trim());
      if (rf < 1 || rf > 15) {
        throw new IllegalArgumentException("replication factor must be 1..15");
      }
      return rf;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("replication factor must be a number, got '" + text + "'");
    }
  }

  /** The CQL map literal for {@code CREATE KEYSPACE ... WITH replication = ...}. */
  public String toCqlMap() {
    String entries = factors.entrySet().stream()
        .map(e -> "'" + e.getKey() + "': " + e.getValue())
        .collect(Collectors.joining(", "));
    return "{'class': '" + strategy + "', " + entries + "}";
  }
}
