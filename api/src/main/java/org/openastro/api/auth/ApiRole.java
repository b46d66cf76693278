package org.openastro.api.auth;

/**
 * What an API key (a person or a pipeline, not a telescope) may do. An admin may do everything
 * the other roles may.
 */
public enum ApiRole {
  /** Submits missions and alerts, reads its own missions including embargoed products. */
  SUBMITTER,
  /** Registers and uploads artifacts (the stacking pipeline, nodes' uploaders). */
  PIPELINE,
  /** Creates API keys and sees everything. */
  ADMIN
}
