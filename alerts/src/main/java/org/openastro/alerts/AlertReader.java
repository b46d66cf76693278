package org.openastro.alerts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the body of {@code POST /api/v1/alerts} (or a GCN Kafka record) into a {@link Notice},
 * whatever its format: an {@link Alert} with a position, a {@link Retraction}, or an
 * {@link Unlocalized} notice.
 *
 * <p>The format comes from the Content-Type when it says XML ({@code application/xml},
 * {@code text/xml}, {@code application/voevent+xml}) or JSON ({@code application/json},
 * {@code *+json}); otherwise from the content ({@code <} first: XML). A JSON body is a GCN notice
 * when its {@code $schema} points into {@code /gcn/notices/} (or it has {@code trigger_time} and
 * {@code mission}/{@code instrument}), an LVK notice when it has {@code superevent_id} and
 * {@code alert_type}, and a TNS object when it has {@code objname} (possibly under
 * {@code data} or {@code data.reply}). Pure: no I/O and no Vert.x types, so it runs anywhere and
 * is tested directly.
 */
public final class AlertReader {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Reads one notice; throws {@link AlertParseException} saying what is wrong. */
  public Notice read(String contentType, String body) {
    if (body == null || body.isBlank()) {
      throw new AlertParseException("invalid_json", null, "the body is empty: send a GCN notice (JSON or VOEvent XML)"
          + " or a TNS object");
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean xml = type.contains("xml") || (!type.contains("json") && VoEvents.looksLikeXml(body));
    return xml ? VoEvents.read(body) : readJson(body);
  }

  private Notice readJson(String body) {
    Object parsed;
    try {
      parsed = JSON.readValue(body, Object.class);
    } catch (JsonProcessingException e) {
      throw new AlertParseException("invalid_json", null, "the body is not JSON: " + e.getOriginalMessage());
    }
    if (!(parsed instanceof Map<?, ?> raw)) {
      throw new AlertParseException("invalid_json", null, "the body is not a JSON object {...}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) raw;
    Map<String, Object> tns = TnsObjects.unwrap(json);
    if (tns != null) {
      return TnsObjects.read(tns);
    }
    if (LvkNotices.looksLikeNotice(json)) {
      return LvkNotices.read(json);
    }
    if (GcnJsonNotices.looksLikeNotice(json)) {
      return GcnJsonNotices.read(json);
    }
    throw AlertParseException.unsupported("not a known alert: expected a GCN notice ($schema under "
        + GcnJsonNotices.SCHEMA_MARKER + "), an LVK notice (superevent_id), a GCN VOEvent (XML) or a TNS object"
        + " (objname)");
  }
}
