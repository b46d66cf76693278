package org.openastro.scheduler.tom;

import java.util.Collection;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openastro.cql.node.Node;

/**
 * The fleet as the portal's instrument list (pure): one imager per telescope class, with every
 * filter some telescope of that class has (a request for a filter goes to a telescope that has it).
 */
final class InstrumentClasses {
  private InstrumentClasses() {}

  /**
   * One class of the fleet.
   *
   * @param minFovDeg the smallest field of view of the class's telescopes (what a request can count on)
   */
  record Summary(TelescopeClass telescopeClass, int telescopes, SortedSet<String> filters, double minFovDeg) {}

  /** The classes of {@code nodes}, smallest first. */
  static SortedMap<TelescopeClass, Summary> of(Collection<Node> nodes) {
    SortedMap<TelescopeClass, Summary> out = new TreeMap<>();
    for (Node n : nodes) {
      TelescopeClass c = TelescopeClass.ofAperture(n.apertureMm());
      Summary s = out.get(c);
      SortedSet<String> filters = new TreeSet<>(n.filters());
      if (s == null) {
        out.put(c, new Summary(c, 1, filters, n.fovDeg()));
      } else {
        filters.addAll(s.filters());
        out.put(c, new Summary(c, s.telescopes() + 1, filters, Math.min(s.minFovDeg(), n.fovDeg())));
      }
    }
    return out;
  }

  /** A node as a telescope of the portal, {@code site.enclosure.telescope}: its id, one dome, its class. */
  static String telescopeKey(Node n) {
    return n.nodeId() + "." + PortalJson.ENCLOSURE + "." + TelescopeClass.ofAperture(n.apertureMm()).code();
  }
}
