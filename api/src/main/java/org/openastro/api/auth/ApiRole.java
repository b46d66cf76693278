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
  /**
   * Runs telescopes: registers nodes ({@code POST /api/v1/nodes}) and issues the single-use
   * enrolment tokens a telescope in the field enrols itself with.
   */
  OPERATOR,
  /** Creates API keys and sees everything. */
  ADMIN
}
