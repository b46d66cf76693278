package org.openastro.archive;

import io.vertx.core.json.JsonObject;
import org.openastro.cql.artifact.Artifact;
import org.openastro.domain.ArtifactType;

/**
 * An artifact as a frame of the LCO archive: the fields the TOM Toolkit reads ({@code id},
 * {@code filename}, {@code DATE_OBS}, {@code url}) and a few more of the archive's names.
 * {@code DATE_OBS} is when the artifact was registered: the archive does not read FITS headers.
 */
final class FrameJson {
  private FrameJson() {}

  static JsonObject of(Artifact a, String base) {
    String filename = filename(a);
    int dot = filename.lastIndexOf('.');
    return new JsonObject()
        .put("id", a.artifactId().toString())
        .put("filename", filename)
        .put("basename", dot > 0 ? filename.substring(0, dot) : filename)
        .put("DATE_OBS", a.createdAt().toString())
        .put("url", base + "/api/v1/artifacts/" + a.artifactId() + "/content")
        .put("REQNUM", a.missionId().toString())
        .put("artifact_type", a.artifactType().name())
        .put("public_date", a.publicAfter() == null ? null : a.publicAfter().toString());
  }

  /**
   * The last segment of its storage path, else its id; a FITS product without an extension gets
   * {@code .fits} (content uploaded here is stored under its bare id), which TOMs go by.
   */
  static String filename(Artifact a) {
    String path = a.objectStoragePath();
    String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    String name = last.isBlank() ? a.artifactId().toString() : last;
    boolean fits = a.artifactType() == ArtifactType.RAW_FITS || a.artifactType() == ArtifactType.STACKED_FITS;
    return fits && !name.contains(".") ? name + ".fits" : name;
  }
}
