package org.openastro.api.intake;

import java.util.List;
import org.openastro.cql.mission.Mission;

/**
 * What a later notice of an alert's event did to its mission.
 *
 * @param mission the mission as stored after
 * @param verdict what became of the notice
 * @param changed what moved: {@code target} (RA/Dec), {@code error_radius}; empty unless MOVED
 * @param resent open tasks re-sent with the new target to the node holding them
 * @param replanned open tasks taken from a node that cannot see the new target, their exposure planned anew
 */
public record Relocation(Mission mission, Verdict verdict, List<String> changed, int resent, int replanned) {
  public Relocation {
    changed = List.copyOf(changed);
  }

  /** What became of a later notice. */
  public enum Verdict {
    /** Newer, and its localization differs: stored, and the mission's open tasks follow it. */
    MOVED,
    /** Nothing to change: the same localization (a repeat, or a newer notice saying the same). */
    UNCHANGED,
    /** Older than the stored notice, by the notices' own times (or not to be ordered): nothing changes. */
    STALE,
    /** The mission is over (CANCELLED, COMPLETE, EXPIRED): nothing changes. */
    CLOSED
  }
}
