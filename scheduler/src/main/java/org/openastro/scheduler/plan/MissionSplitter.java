package org.openastro.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.mission.Frames;

/**
 * Splits a mission's uncovered exposure into tasks that fit the visibility windows of the nodes
 * that can take it.
 *
 * <p>Every window (of any capable node; overlapping windows of different nodes are separate
 * capacity) is cut into consecutive slices of at most the largest task exposure; slices are
 * taken earliest first — the mission finishes soonest, and a node that drops out costs one
 * slice — until the exposure is covered. Each task's exposure is its slice's length (less for
 * the last), and the slice is its WindowStart/WindowEnd. Slices shorter than the minimum are
 * skipped unless they cover what is left. Exposure that no window in the horizon can hold stays
 * uncovered and is planned again later, when the horizon has moved on or nodes have joined. A
 * mission observed in frames gets whole frames per task: slices are whole frames long (one frame
 * when a frame is longer than the largest task), and a slice shorter than a frame holds nothing.
 *
 * <p>A mission never has more than {@code maxOpenTasks} open tasks: a huge mission (months of
 * exposure over a large fleet) would otherwise fill the pending queue with thousands of tasks that
 * crowd out other missions' work from each assignment round; what is left is planned as its tasks
 * close. The earliest slices are the ones taken.
 */
public final class MissionSplitter {
  private final Duration maxTask;
  private final Duration minTask;
  private final int maxOpenTasks;

  public MissionSplitter(Duration maxTask, Duration minTask, int maxOpenTasks) {
    this.maxTask = maxTask;
    this.minTask = minTask;
    this.maxOpenTasks = maxOpenTasks;
  }

  /** A task to create: its exposure and window. */
  public record TaskPlan(double exposureS, TimeWindow window) {}

  /** New tasks for {@code uncoveredS}, given the mission's {@code openTasks} already waiting or running. */
  public List<TaskPlan> split(double uncoveredS, List<TimeWindow> windows, Frames frames, int openTasks) {
    return split(uncoveredS, windows, frames, openTasks, maxOpenTasks);
  }

  /**
   * As {@link #split(double, List, Frames, int)} for a mission that may have at most
   * {@code missionMaxOpen} open tasks (and never more than {@code maxOpenTasks}): one for a pointing
   * of a tiled alert ({@link #maxOpenTasksOf}), so two nodes never observe the same pointing at once.
   */
  public List<TaskPlan> split(double uncoveredS, List<TimeWindow> windows, Frames frames, int openTasks,
      int missionMaxOpen) {
    int room = Math.min(maxOpenTasks, missionMaxOpen) - openTasks;
    Duration step = sliceLength(frames);
    List<TimeWindow> slices = new ArrayList<>();
    for (TimeWindow w : windows) {
      for (Instant s = w.start(); s.isBefore(w.end()); s = s.plus(step)) {
        Instant e = s.plus(step).isBefore(w.end()) ? s.plus(step) : w.end();
        slices.add(new TimeWindow(s, e));
      }
    }
    slices.sort(Comparator.comparing(TimeWindow::start).thenComparing(TimeWindow::end));
    List<TaskPlan> plans = new ArrayList<>();
    double left = uncoveredS;
    for (TimeWindow slice : slices) {
      if (left <= Remainder.EPSILON_S || plans.size() >= room) {
        break;
      }
      double sliceS = frames.usable(slice.duration().toMillis() / 1000.0);
      if (sliceS <= Remainder.EPSILON_S || sliceS < minTask.toMillis() / 1000.0 && sliceS < left) {
        continue;
      }
      double exposure = Math.min(left, sliceS);
      plans.add(new TaskPlan(exposure, slice));
      left -= exposure;
    }
    return plans;
  }

  /**
   * The most open tasks {@code m} may have at once: one for a pointing of a tiled alert (its
   * exposure is planned one task, so one node, at a time: its other nodes observe other pointings),
   * no limit of its own otherwise.
   */
  public static int maxOpenTasksOf(org.openastro.cql.mission.Mission m) {
    return m.alertLocalization().isPointing() ? 1 : Integer.MAX_VALUE;
  }

  /** The largest task, in whole frames when the mission has them; never less than one frame. */
  private Duration sliceLength(Frames frames) {
    if (frames.continuous()) {
      return maxTask;
    }
    double s = Math.max(frames.frameS(), frames.usable(maxTask.toMillis() / 1000.0));
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
