package org.openastro.alerts;

import java.util.List;
import org.openastro.config.Setting;

/** Settings of alert-triggered missions. */
public final class AlertSettings {
  public static final Setting<AlertRules> ALERT_RULES = Setting.of("ALERT_RULES", AlertRules.DEFAULT_TEXT,
      "what each kind of alert (GRB, XRAY_TRANSIENT, NEUTRINO, SUPERNOVA, TRANSIENT) becomes: comma-separated "
          + "KIND=SCIENCE_CASE/priority/exposure/window[/NORMAL|TIME_CRITICAL|RAPID_RESPONSE], the window starting "
          + "when the alert is accepted, the class by default RAPID_RESPONSE for GRB and XRAY_TRANSIENT, else NORMAL; "
          + "kinds left out keep their defaults",
      AlertRules::parse);

  /** Every alert setting, for the process's list of settings. */
  public static final List<Setting<?>> ALL = List.of(ALERT_RULES);

  private AlertSettings() {}
}
