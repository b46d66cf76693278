package org.openastro.scheduler.run;

import java.util.ArrayList;
import java.util.List;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.task.Task;

/** What the scheduler told nodes, in order. */
final class RecordingDownlink implements Downlink {
  final List<Task> assignments = new ArrayList<>();
  final List<Task> cancellations = new ArrayList<>();

  @Override
  public void assignment(Task task, Mission mission) {
    assignments.add(task);
  }

  final List<String> reasons = new ArrayList<>();
  final List<java.util.UUID> preemptedBy = new ArrayList<>();

  @Override
  public void cancellation(Task task) {
    cancellations.add(task);
  }

  @Override
  public void cancellation(Task task, String reason, java.util.UUID by) {
    cancellations.add(task);
    reasons.add(reason);
    preemptedBy.add(by);
  }
}
