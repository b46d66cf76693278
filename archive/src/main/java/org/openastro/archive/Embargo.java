package org.openastro.archive;

import java.time.Instant;
import org.openastro.api.auth.Caller;

/**
 * Who may see an artifact. A public artifact ({@code public_after} null or past) is seen by all;
 * an embargoed one by admins and the owner of its mission only. Anonymous callers learn nothing
 * about embargoed artifacts: single reads answer 404 as for an unknown id, lists leave them out.
 */
final class Embargo {
  /** The decision, or that it depends on the mission's owner (one more read). */
  enum Access { VISIBLE, HIDDEN, ASK_OWNER }

  private Embargo() {}

  static boolean isPublic(Instant publicAfter, Instant now) {
    return publicAfter == null || !publicAfter.isAfter(now);
  }

  static Access access(Instant publicAfter, Instant now, Caller caller) {
    if (isPublic(publicAfter, now) || caller.admin()) {
      return Access.VISIBLE;
    }
    return caller.anonymous() ? Access.HIDDEN : Access.ASK_OWNER;
  }

  /** Whether {@code caller} sees every artifact of a mission owned by {@code missionOwner}. */
  static boolean seesAll(String missionOwner, Caller caller) {
    return caller.admin() || (missionOwner != null && caller.owns(missionOwner));
  }
}
