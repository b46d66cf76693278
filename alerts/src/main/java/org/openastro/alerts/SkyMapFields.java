package org.openastro.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;

/**
 * A notice's sky map fields: a URL ({@code healpix_url}) or the FITS file itself, base64
 * ({@code healpix_file}, LVK's {@code event.skymap}). Only their form is checked here; the map is
 * fetched and read when the notice is tiled ({@link AlertTiling}).
 */
final class SkyMapFields {
  private SkyMapFields() {}

  /** The sky map named by {@code urlField} or {@code fileField} (either may be null: not read), or null. */
  static AlertRegion.SkyMap read(JsonAlertFields f, String urlField, String fileField) {
    return read(f, "", urlField, fileField);
  }

  /** As {@link #read(JsonAlertFields, String, String)} for fields of an object the notice holds under {@code prefix}. */
  static AlertRegion.SkyMap read(JsonAlertFields f, String prefix, String urlFieldIn, String fileFieldIn) {
    String file = fileFieldIn == null ? null : f.optionalText(fileFieldIn);
    String fileField = fileFieldIn == null ? null : prefix + fileFieldIn;
    String urlField = urlFieldIn == null ? null : prefix + urlFieldIn;
    if (file != null) {
      try {
        return new AlertRegion.SkyMap(fileField, null, Base64.getMimeDecoder().decode(file));
      } catch (IllegalArgumentException e) {
        throw AlertParseException.invalid(fileField, fileField + " must be a base64-encoded FITS file: "
            + e.getMessage());
      }
    }
    String url = urlFieldIn == null ? null : f.optionalText(urlFieldIn);
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw AlertParseException.invalid(urlField, urlField + " must be an http(s) URL of a FITS sky map");
      }
    } catch (URISyntaxException e) {
      throw AlertParseException.invalid(urlField, urlField + " is not a URL: " + e.getReason());
    }
    return new AlertRegion.SkyMap(urlField, url, null);
  }
}
