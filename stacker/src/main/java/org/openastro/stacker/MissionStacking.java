package org.openastro.stacker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openastro.api.products.ProductArchive;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.artifact.Artifact;
import org.openastro.cql.artifact.ArtifactRepository;
import org.openastro.domain.ArtifactType;
import org.openastro.stacker.stack.FitsStacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mission's stack, start to end: its RAW_FITS artifacts with content (the first
 * STACKER_MAX_FRAMES by artifact id, so a rerun takes the same ones) fetched from the archive into
 * the work directory, stacked on the worker thread, registered as the mission's STACKED_FITS and
 * uploaded through the same archive. The stack's id is derived from the mission's, and the stack
 * is deterministic, so a rerun (a repeated event, a restart, a second stacker) registers the same
 * artifact as a replay; a stack already registered and stored is not made again.
 */
final class MissionStacking {
  private static final Logger LOG = LoggerFactory.getLogger(MissionStacking.class);
  /** Who the registry records as having registered the stacks. */
  static final String REGISTERED_BY = "stacker";

  /** How a run ended, for the work list: done (remove the entry) or to be tried again. */
  enum Outcome { STACKED, ALREADY_STACKED, NOTHING_TO_STACK, NOT_STACKABLE }

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final ArtifactRepository artifacts;
  private final ProductArchive archive;
  private final FitsStacker stacker;
  private final Path workDir;
  private final int maxFrames;

  MissionStacking(Vertx vertx, WorkerExecutor worker, ArtifactRepository artifacts, ProductArchive archive,
      FitsStacker stacker, Path workDir, int maxFrames) {
    this.vertx = vertx;
    this.worker = worker;
    this.artifacts = artifacts;
    this.archive = archive;
    this.stacker = stacker;
    this.workDir = workDir;
    this.maxFrames = maxFrames;
  }

  /** The id of a mission's stack: name-based, the same wherever and however often it is made. */
  static UUID stackIdOf(UUID missionId) {
    return UUID.nameUUIDFromBytes(("openastro:stacked-fits:" + missionId).getBytes(StandardCharsets.UTF_8));
  }

  Future<Outcome> run(UUID missionId) {
    UUID stackId = stackIdOf(missionId);
    return artifacts.find(stackId).compose(existing -> existing.isPresent()
        ? archive.stored(stackId).compose(stored -> stored
            ? Future.succeededFuture(Outcome.ALREADY_STACKED)
            : make(missionId, stackId))
        : make(missionId, stackId));
  }

  private Future<Outcome> make(UUID missionId, UUID stackId) {
    Path dir = workDir.resolve(missionId.toString());
    return rawFrames(missionId).compose(frames -> {
      if (frames.isEmpty()) {
        return nothingToStack(missionId);
      }
      // the work directory only when there is work: most missions of a test or a quiet site have no frames
      return vertx.fileSystem().mkdirs(dir.toString())
          .compose(x -> fetch(frames, dir))
          .compose(inputs -> inputs.isEmpty() ? nothingToStack(missionId)
              : stackAndPublish(missionId, stackId, inputs, dir))
          .eventually(() -> vertx.fileSystem().deleteRecursive(dir.toString()).otherwise(e -> null));
    });
  }

  private static Future<Outcome> nothingToStack(UUID missionId) {
    LOG.info("Mission {} COMPLETE with no RAW_FITS content in the archive: nothing to stack", missionId);
    return Future.succeededFuture(Outcome.NOTHING_TO_STACK);
  }

  /** The mission's RAW_FITS artifacts, by artifact id, at most {@code maxFrames}. */
  private Future<List<Artifact>> rawFrames(UUID missionId) {
    return artifacts.listByMission(missionId).compose(lines -> {
      List<UUID> ids = lines.stream().filter(l -> l.artifactType() == ArtifactType.RAW_FITS)
          .map(ArtifactRepository.ArtifactSummary::artifactId).distinct().sorted().toList();
      if (ids.size() > maxFrames) {
        LOG.warn("Mission {} has {} RAW_FITS frames; the stack takes the first {} (STACKER_MAX_FRAMES)", missionId,
            ids.size(), maxFrames);
        ids = ids.subList(0, maxFrames);
      }
      List<Future<Optional<Artifact>>> reads = ids.stream().map(artifacts::find).toList();
      return Future.all(reads).map(all -> reads.stream().map(Future::result).flatMap(Optional::stream).toList());
    });
  }

  /** Each frame's content into {@code dir}; frames whose content was never uploaded are left out. */
  private Future<List<Frame>> fetch(List<Artifact> frames, Path dir) {
    // one at a time: the archive's transfers and the disk are shared with the gateway's traffic
    Future<List<Frame>> chain = Future.succeededFuture(new ArrayList<>());
    for (Artifact a : frames) {
      chain = chain.compose(list -> {
        Path file = dir.resolve(a.artifactId() + ".fits");
        return archive.fetch(a.artifactId(), file).map(found -> {
          if (found) {
            list.add(new Frame(a, file));
          } else {
            LOG.info("RAW_FITS {} of mission {} has no content uploaded: left out", a.artifactId(), a.missionId());
          }
          return list;
        });
      });
    }
    return chain;
  }

  private record Frame(Artifact artifact, Path file) {}

  private Future<Outcome> stackAndPublish(UUID missionId, UUID stackId, List<Frame> frames, Path dir) {
    List<FitsStacker.Input> inputs = frames.stream().map(f -> new FitsStacker.Input(f.artifact().artifactId(),
        f.artifact().sha256(), f.artifact().contributingNodeIds(), f.file())).toList();
    Path output = dir.resolve("stack.fits");
    return worker.<FitsStacker.Result>executeBlocking(() ->
            stacker.stack("mission " + missionId, inputs, output, dir.resolve("reprojected")), false)
        .recover(e -> e instanceof IllegalArgumentException
            ? Future.failedFuture(new NotStackable(e.getMessage()))
            : Future.failedFuture(e))
        .compose(result -> {
          result.skipped().forEach(s -> LOG.warn("RAW_FITS {} of mission {} left out of the stack: {}",
              s.artifactId(), missionId, s.reason()));
          Set<UUID> used = new HashSet<>();
          result.stacked().forEach(in -> used.add(in.artifactId()));
          List<Artifact> stacked = frames.stream().map(Frame::artifact).filter(a -> used.contains(a.artifactId()))
              .toList();
          Artifact product = new Artifact(stackId, missionId, null, ArtifactType.STACKED_FITS, null, result.sha256(),
              Instant.now().truncatedTo(ChronoUnit.MILLIS), embargoOf(stacked), nodesOf(stacked), REGISTERED_BY);
          return archive.publish(product, output)
              .recover(e -> e instanceof IdConflictException
                  // registered by an earlier run whose upload never finished, from other frames
                  // (some arrived since): that registration stands; restacking would only repeat this
                  ? Future.failedFuture(new NotStackable("stack " + stackId + " was registered earlier from"
                      + " other frames and its content never stored; that registration stands without content"))
                  : Future.failedFuture(e))
              .map(published -> {
                LOG.info("Mission {} stacked: {} frames into {} x {} pixels, artifact {} (sha256 {})", missionId,
                    stacked.size(), result.width(), result.height(), published.artifactId(), published.sha256());
                return Outcome.STACKED;
              });
        })
        .recover(e -> e instanceof NotStackable
            ? Future.succeededFuture(logged(missionId, e))
            : Future.failedFuture(e));
  }

  private static Outcome logged(UUID missionId, Throwable e) {
    LOG.warn("Mission {} cannot be stacked: {}", missionId, e.getMessage());
    return Outcome.NOT_STACKABLE;
  }

  /**
   * The stack is public when its last input is: the latest {@code public_after} of the inputs, null
   * when all are public. A stack must not show an embargoed frame's photons before the frame itself.
   */
  static Instant embargoOf(List<Artifact> inputs) {
    return inputs.stream().map(Artifact::publicAfter).filter(t -> t != null).max(Comparator.naturalOrder())
        .orElse(null);
  }

  static Set<UUID> nodesOf(List<Artifact> inputs) {
    Set<UUID> nodes = new HashSet<>();
    inputs.forEach(a -> nodes.addAll(a.contributingNodeIds()));
    return nodes;
  }

  /** Inputs no rerun can stack (no usable WCS, fields too far apart): the work list entry goes. */
  static final class NotStackable extends RuntimeException {
    NotStackable(String message) {
      super(message, null, false, false);
    }
  }
}
