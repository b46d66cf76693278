package org.openastro.alerts;

/** The three alert formats {@code POST /api/v1/alerts} reads. */
public enum AlertFormat {
  /** A GCN notice in its JSON form (the GCN Kafka JSON schemas, nasa-gcn/gcn-schema). */
  GCN_JSON("gcn_json"),
  /** A GCN notice as a VOEvent 2.0 XML document. */
  GCN_VOEVENT("voevent"),
  /** A Transient Name Server object as the TNS API returns it. */
  TNS("tns");

  private final String wireName;

  AlertFormat(String wireName) {
    this.wireName = wireName;
  }

  /** The name shown in responses. */
  public String wireName() {
    return wireName;
  }
}
