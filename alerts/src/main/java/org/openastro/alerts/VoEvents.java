package org.openastro.alerts;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a GCN notice as a VOEvent 2.0 document: {@code ivorn} (its stream names the source,
 * e.g. {@code ivo://nasa.gsfc.gcn/SWIFT#...} is {@code swift}), {@code Who/Date}, the {@code What}
 * parameters ({@code TrigID} is the event id shared by every packet of one trigger, so a GCN
 * VOEvent and the JSON notice of the same Fermi trigger meet on one mission; {@code Packet_Type}
 * gives the kind), and {@code WhereWhen/ObsDataLocation/ObservationLocation/AstroCoords}:
 * {@code Time/TimeInstant/ISOTime} and {@code Position2D} ({@code C1} = RA, {@code C2} = Dec,
 * {@code Error2Radius}, all in degrees).
 *
 * <p>{@code Citations/EventIVORN}: a VOEvent citing an earlier one with {@code cite="retraction"}
 * (or of role {@code retraction}, or with LVK's {@code AlertType} Retraction) is a
 * {@link Retraction}; one citing it otherwise ({@code followup}, {@code supersedes}) is a later
 * notice of the same event, the event id being the cited one's when it carries no {@code TrigID}.
 * A VOEvent of role {@code test} (or Swift's {@code Test_Submission} true, an LVK mock superevent)
 * is a test notice. One without {@code Position2D} is {@link Unlocalized}.
 *
 * <p>The JDK's DOM parser with DTDs refused outright and external entities, schemas and XInclude
 * off, so a hostile document can neither read local files (XXE) nor expand entities without bound.
 * Utility events ({@code role="utility"}) and Swift's "definitely not a GRB" notices create no
 * mission (refused).
 */
final class VoEvents {
  /**
   * GCN packet types of GRB positions: INTEGRAL 53-55, Swift BAT 61 / XRT 67 / UVOT 81 / BAT
   * quick-look 97, AGILE 100-102, Fermi GBM flight 111 / ground 112 / final 115, Fermi LAT 120/121/127.
   */
  private static final Set<Integer> GRB_PACKETS = Set.of(53, 54, 55, 61, 67, 81, 97, 100, 101, 102, 111, 112, 115,
      120, 121, 127);
  /** IceCube: AMON HESE 158, Astrotrack Gold 173 / Bronze 174, Cascade 176. */
  private static final Set<Integer> NEUTRINO_PACKETS = Set.of(158, 173, 174, 176);
  /** MAXI unknown / known source 134 / 135. */
  private static final Set<Integer> XRAY_PACKETS = Set.of(134, 135);

  private VoEvents() {}

  static boolean looksLikeXml(String body) {
    return body.stripLeading().startsWith("<");
  }

  static Notice read(String xml) {
    Element root = parse(xml).getDocumentElement();
    if (!"VOEvent".equals(localName(root))) {
      throw AlertParseException.invalid("VOEvent", "the XML document is not a VOEvent (root element "
          + localName(root) + ")");
    }
    String role = root.getAttribute("role").trim().toLowerCase(Locale.ROOT);
    if (role.equals("utility")) {
      throw AlertParseException.invalid("role", "a VOEvent with role '" + role + "' creates no mission");
    }
    String ivorn = root.getAttribute("ivorn").trim();
    if (!ivorn.startsWith("ivo://") || ivorn.length() > 256) {
      throw ivorn.isEmpty() ? AlertParseException.missing("ivorn", "the VOEvent's identifier")
          : AlertParseException.invalid("ivorn", "ivorn must be an ivo:// identifier of at most 256 characters");
    }
    int hash = ivorn.indexOf('#');
    String stream = hash < 0 ? ivorn.substring(6) : ivorn.substring(6, hash);
    String source = source(stream);
    if (source.isEmpty() || hash < 0 || hash == ivorn.length() - 1) {
      throw AlertParseException.invalid("ivorn", "ivorn must look like ivo://<authority>/<stream>#<local id>");
    }

    Map<String, String> params = params(child(root, "What"));
    Map<String, String> citations = citations(root);
    String eventId = eventId(params, citations, ivorn.substring(hash + 1));
    boolean test = role.equals("test") || "true".equalsIgnoreCase(params.get("Test_Submission"))
        || (params.get("GraceID") != null && NoticeTense.isLvkPractice(eventId));
    Element date = path(root, "Who", "Date");
    Instant issued = date == null ? null : JsonAlertFields.instant("Date", date.getTextContent().trim());
    String packetType = params.get("Packet_Type");
    if (role.equals("retraction") || citations.containsValue("retraction")
        || NoticeTense.isRetraction(params.get("AlertType"))) {
      return new Retraction(AlertFormat.GCN_VOEVENT, source, eventId, issued, packetType, test);
    }
    if ("true".equalsIgnoreCase(params.get("Def_NOT_a_GRB"))) {
      throw AlertParseException.invalid("Def_NOT_a_GRB", "the notice says this is definitely not a GRB:"
          + " no mission is created");
    }

    Element coords = path(root, "WhereWhen", "ObsDataLocation", "ObservationLocation", "AstroCoords");
    Element position = coords == null ? null : child(coords, "Position2D");
    if (position == null) {
      return new Unlocalized(AlertFormat.GCN_VOEVENT, source, eventId, issued, packetType, test,
          AlertParseException.missing("Position2D",
              "WhereWhen/ObsDataLocation/ObservationLocation/AstroCoords/Position2D gives the position to observe"));
    }
    String unit = position.getAttribute("unit").trim();
    if (!unit.isEmpty() && !unit.equalsIgnoreCase("deg")) {
      throw AlertParseException.invalid("Position2D", "Position2D unit must be deg, not " + unit);
    }
    Element value2 = child(position, "Value2");
    double ra = number(value2 == null ? null : child(value2, "C1"), "C1", 0, 360);
    double dec = number(value2 == null ? null : child(value2, "C2"), "C2", -90, 90);
    Element errorElement = child(position, "Error2Radius");
    Double error = errorElement == null ? null : number(errorElement, "Error2Radius", 0, 180);
    Element iso = path(coords, "Time", "TimeInstant", "ISOTime");
    Instant eventTime = iso == null ? null : JsonAlertFields.instant("ISOTime", iso.getTextContent().trim());
    return new Alert(AlertFormat.GCN_VOEVENT, source, eventId, kind(packetType, ivorn, root), ra == 360 ? 0 : ra,
        dec, error, eventTime, issued, packetType, test);
  }

  /**
   * The source of an ivorn's stream: its last segment, lower case ({@code SWIFT} is {@code swift});
   * LVK's VOEvent stream {@code LVC} is {@code lvk}, as its JSON notices, so both meet on one event.
   */
  static String source(String stream) {
    String s = stream.substring(stream.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return s.equals("lvc") ? LvkNotices.SOURCE : s;
  }

  /**
   * The event a VOEvent is about: its {@code TrigID} (every packet of one GCN trigger carries it),
   * else LVK's {@code GraceID}, else the local id of the first VOEvent it cites (an update or a
   * retraction names the notice it follows), else its own local id.
   */
  static String eventId(Map<String, String> params, Map<String, String> citations, String ownLocalId) {
    String id = params.get("TrigID");
    String field = "TrigID";
    if (id == null || id.isBlank()) {
      id = params.get("GraceID");
      field = "GraceID";
    }
    if ((id == null || id.isBlank()) && !citations.isEmpty()) {
      String cited = citations.keySet().iterator().next();
      int at = cited.indexOf('#');
      id = at < 0 ? null : cited.substring(at + 1);
      field = "EventIVORN";
    }
    if (id == null || id.isBlank()) {
      id = ownLocalId;
      field = "ivorn";
    }
    return EventIds.check(field.equals("ivorn") ? "TrigID" : field, id.trim());
  }

  /** {@code Citations/EventIVORN}: each cited ivorn with its {@code cite} (followup, supersedes, retraction), in order. */
  static Map<String, String> citations(Element root) {
    Map<String, String> out = new LinkedHashMap<>();
    Element citations = child(root, "Citations");
    if (citations == null) {
      return out;
    }
    for (Node n = citations.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "EventIVORN".equals(localName(e))) {
        String cited = e.getTextContent().trim();
        if (!cited.isEmpty()) {
          out.putIfAbsent(cited, e.getAttribute("cite").trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  static AlertKind kind(String packetType, String ivorn, Element root) {
    if (packetType != null) {
      try {
        int type = Integer.parseInt(packetType.trim());
        if (GRB_PACKETS.contains(type)) {
          return AlertKind.GRB;
        }
        if (NEUTRINO_PACKETS.contains(type)) {
          return AlertKind.NEUTRINO;
        }
        if (XRAY_PACKETS.contains(type)) {
          return AlertKind.XRAY_TRANSIENT;
        }
      } catch (NumberFormatException e) {
        throw AlertParseException.invalid("Packet_Type", "Packet_Type must be a whole number");
      }
    }
    // No known packet type: the ivorn's local part and the Why section's concepts still tell.
    String fragment = ivorn.substring(ivorn.indexOf('#') + 1).toUpperCase(Locale.ROOT);
    Element why = child(root, "Why");
    String concepts = why == null ? "" : why.getTextContent().toLowerCase(Locale.ROOT);
    if (fragment.contains("ICECUBE") || concepts.contains("neutrino")) {
      return AlertKind.NEUTRINO;
    }
    if (fragment.contains("GRB") || fragment.contains("GBM") || concepts.contains("em.gamma")) {
      return AlertKind.GRB;
    }
    if (concepts.contains("em.x-ray")) {
      return AlertKind.XRAY_TRANSIENT;
    }
    return AlertKind.TRANSIENT;
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      // Quiet: the default handler prints to stderr; errors become exceptions.
      builder.setErrorHandler(new DefaultHandler() {
        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      builder.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entities are not allowed");
      });
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException e) {
      String detail = e.getMessage() == null ? "malformed" : e.getMessage();
      if (detail.contains("DOCTYPE")) {
        detail = "a DOCTYPE is not allowed in an alert";
      }
      throw new AlertParseException("invalid_xml", null, "the body is not a well-formed XML document: " + detail);
    } catch (IOException | ParserConfigurationException e) {
      throw new AlertParseException("invalid_xml", null, "the XML document cannot be read: " + e.getMessage());
    }
  }

  /** A fresh factory per document: factories are not thread-safe, and this is cheap next to the parse. */
  static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    return f;
  }

  /** Every Param name and value under What, its Groups included; the first of a name wins. */
  private static Map<String, String> params(Element what) {
    Map<String, String> out = new LinkedHashMap<>();
    if (what == null) {
      return out;
    }
    NodeList all = what.getElementsByTagNameNS("*", "Param"); // "*": with or without a namespace
    for (int i = 0; i < all.getLength(); i++) {
      Element p = (Element) all.item(i);
      out.putIfAbsent(p.getAttribute("name"), p.getAttribute("value"));
    }
    return out;
  }

  private static double number(Element e, String field, double min, double max) {
    if (e == null) {
      throw AlertParseException.missing(field, "Position2D/Value2 must give C1 (RA) and C2 (Dec) in degrees");
    }
    double v;
    try {
      v = Double.parseDouble(e.getTextContent().trim());
    } catch (NumberFormatException x) {
      throw AlertParseException.invalid(field, field + " must be a number");
    }
    if (!(v >= min && v <= max)) {
      throw AlertParseException.invalid(field, field + " must be between " + (long) min + " and " + (long) max);
    }
    return v;
  }

  private static Element path(Element from, String... names) {
    Element at = from;
    for (String name : names) {
      if (at == null) {
        return null;
      }
      at = child(at, name);
    }
    return at;
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        return e;
      }
    }
    return null;
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }
}
