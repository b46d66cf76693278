package org.openastro.alerts;

import java.util.List;
import org.openastro.config.Parsers;
import org.openastro.config.Setting;

/** Settings of alert-triggered missions. */
public final class AlertSettings {
  public static final Setting<AlertRules> ALERT_RULES = Setting.of("ALERT_RULES", AlertRules.DEFAULT_TEXT,
      "what each kind of alert (GRB, XRAY_TRANSIENT, NEUTRINO, SUPERNOVA, TRANSIENT) becomes: comma-separated "
          + "KIND=SCIENCE_CASE/priority/exposure/window[/NORMAL|TIME_CRITICAL|RAPID_RESPONSE], the window starting "
          + "when the alert is accepted, the class by default RAPID_RESPONSE for GRB and XRAY_TRANSIENT, else NORMAL; "
          + "kinds left out keep their defaults",
      AlertRules::parse);

  public static final Setting<Boolean> ACCEPT_TEST_NOTICES = Setting.of("ALERT_ACCEPT_TEST_NOTICES", "false",
      "true: test and practice notices (GCN alert_tense test or injection, LVK mock or test superevents, VOEvents of "
          + "role test) are handled like real ones and make missions; false: they are answered and counted as "
          + "ignored and make nothing",
      Parsers.bool());

  /** Every alert setting, for the process's list of settings. */
  public static final List<Setting<?>> ALL = List.of(ALERT_RULES, ACCEPT_TEST_NOTICES);

  private AlertSettings() {}
}
