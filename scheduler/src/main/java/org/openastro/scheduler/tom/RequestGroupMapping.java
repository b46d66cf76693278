package org.openastro.scheduler.tom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openastro.domain.ObservationType;

/**
 * An LCO request group as OpenAstro missions, one per request (pure: no I/O, no Vert.x), with every
 * problem in the portal's error shape. Group fields: {@code name} and {@code proposal} (required,
 * kept and echoed; a proposal grants nothing here), {@code operator} SINGLE (exactly one request)
 * or MANY, {@code observation_type} NORMAL, TIME_CRITICAL or RAPID_RESPONSE (the mission's class),
 * and {@code ipp_value} 0.5 to 2 (the portal's range) as the mission's priority, see
 * {@link #priority}. Each request: {@link RequestMapping}.
 */
final class RequestGroupMapping {
  static final int MAX_REQUESTS = 100;
  static final int MAX_TEXT = 255;
  static final double MIN_IPP = 0.5;
  static final double MAX_IPP = 2.0;

  private RequestGroupMapping() {}

  /** The group's own fields, as read. */
  record Group(String name, String proposal, String operator, ObservationType observationType, double ippValue) {
    int priority() {
      return RequestGroupMapping.priority(ippValue);
    }
  }

  /** The outcome: the group and its requests when {@code errors} is empty; else what is wrong. */
  record Mapped(Group group, List<RequestMapping.Mapped> requests, LcoErrors errors) {
    boolean valid() {
      return errors.isEmpty();
    }
  }

  /**
   * Maps {@code payload}; request {@code i} becomes the mission {@link RequestIds#request}({@code groupId}, i),
   * owned by {@code owner}, created {@code now} (windows that ended before it are refused).
   */
  static Mapped map(Map<?, ?> payload, UUID groupId, String owner, Instant now) {
    LcoReader r = new LcoReader(new LcoErrors());
    List<Object> top = List.of();
    String name = r.string(payload, top, "name", true, MAX_TEXT);
    String proposal = r.string(payload, top, "proposal", true, MAX_TEXT);
    Double ipp = r.number(payload, top, "ipp_value", true, MIN_IPP, MAX_IPP);
    String operator = choice(r, payload, "operator", List.of("SINGLE", "MANY"), null,
        "\"%s\" is not a valid choice: the operators served are SINGLE and MANY.");
    ObservationType type = observationType(r, payload);
    List<Map<?, ?>> requests = r.objects(payload, top, "requests", true, 1, MAX_REQUESTS);
    if (requests != null && "SINGLE".equals(operator) && requests.size() != 1) {
      r.error(top, "When operator is SINGLE, there must be exactly one request (use MANY for several).");
    }
    // The requests are read even when a group field is wrong, so that one answer names every problem.
    Group group = new Group(name, proposal, operator, type == null ? ObservationType.NORMAL : type,
        ipp == null ? 1.0 : ipp);
    List<RequestMapping.Mapped> out = new ArrayList<>();
    if (requests != null) {
      for (int i = 0; i < requests.size(); i++) {
        out.add(RequestMapping.map(requests.get(i), List.of("requests", i), group, RequestIds.request(groupId, i), owner,
            now, r));
      }
    }
    return new Mapped(group, r.errors().isEmpty() ? List.copyOf(out) : List.of(), r.errors());
  }

  /**
   * The mission priority (1 to 100) of an IPP value (0.5 to 2): {@code round(50 × ipp)}, so the
   * portal's default 1.0 is 50, the middle of the range, and its extremes are 25 and 100.
   */
  static int priority(double ippValue) {
    return (int) Math.max(1, Math.min(100, Math.round(ippValue * 50)));
  }

  private static ObservationType observationType(LcoReader r, Map<?, ?> payload) {
    String text = choice(r, payload, "observation_type", List.of("NORMAL", "TIME_CRITICAL", "RAPID_RESPONSE"), "NORMAL",
        "\"%s\" is not served: observation types are NORMAL, TIME_CRITICAL and RAPID_RESPONSE"
            + " (DIRECT and REAL_TIME book a telescope directly; here the scheduler picks telescope and time).");
    return text == null ? null : ObservationType.valueOf(text);
  }

  /** One of {@code allowed} (upper case), {@code fallback} when absent (null: required). */
  private static String choice(LcoReader r, Map<?, ?> in, String key, List<String> allowed, String fallback,
      String refusal) {
    String text = r.string(in, List.of(), key, fallback == null, MAX_TEXT);
    if (text == null) {
      return in.get(key) == null || (in.get(key) instanceof String s && s.isBlank()) ? fallback : null;
    }
    String upper = text.toUpperCase(Locale.ROOT);
    if (!allowed.contains(upper)) {
      r.error(List.of(key), refusal.formatted(text));
      return null;
    }
    return upper;
  }
}
