/**
 * Visibility windows: when a target is high enough at a site, optionally only while the Sun is
 * low enough — pure Java, closed-form, no astronomy library.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link org.openastro.scheduler.astro.VisibilityCalculator#windows} — one site, one target,
 *       any span [from, to).
 *   <li>Bulk: one {@link org.openastro.scheduler.astro.SiteDay} per node and local day (sidereal
 *       clock and night), one {@link org.openastro.scheduler.astro.ApparentTarget} per target and
 *       day (apparent place, sin/cos δ), then
 *       {@link org.openastro.scheduler.astro.SiteDay#windows(ApparentTarget, double, boolean,
 *       WindowBuffer)} per pair: one acos and an interval intersection, no allocation.
 *   <li>Observing constraints (issue 13): {@link org.openastro.scheduler.astro.ObservingConstraints}
 *       (min altitude, max airmass, min Moon separation, max Moon illumination, Sun, max hour
 *       angle, {@link org.openastro.scheduler.astro.HorizonMask}) — one-shot
 *       {@link org.openastro.scheduler.astro.VisibilityCalculator#windows(Site, Target,
 *       java.time.Instant, java.time.Instant, ObservingConstraints)}; bulk: one
 *       {@link org.openastro.scheduler.astro.MoonTrack} per planning span shared by everyone, one
 *       {@link org.openastro.scheduler.astro.ConstrainedWindowFinder} per thread.
 * </ul>
 *
 * <h2>Model</h2>
 * IAU 1976 precession and a short nutation series (Meeus, <i>Astronomical Algorithms</i>, 2nd ed.,
 * ch. 21–22), annual aberration (ch. 23), apparent sidereal time (ch. 12, IAU 1982 GMST), the
 * Sun from the low-precision theory of ch. 25 (~0.01°), rise/set hour angles from ch. 15. Sidereal
 * time is linear over a day, each target's place is fixed over a day, and the Sun's moving
 * declination is followed by iterating each twilight edge. Altitudes are geometric-apparent
 * (aberration included), topocentric for the Sun (parallax 8.8"), with <b>no refraction</b>: add
 * it to the thresholds if wanted (−0.57° at the horizon).
 *
 * <h2>Accuracy and its limits</h2>
 * <ul>
 *   <li>Checked against astropy (AltAz, pressure 0) on the fixture made by
 *       {@code tools/astro-reference/} (349 cases, 648 edges; sites from −60° to +70° latitude,
 *       2026): edges made by the target within 0.5 s (2.6 s for Polaris grazing the horizon from
 *       the equator), edges made by the Sun within 4 s, and 23 s at worst at the onset of white
 *       nights at 70°N, where the Sun crosses −12° at only 0.01°/min. The requirement is ±2 min.
 *   <li>An edge where the altitude barely crosses the threshold (a target culminating just at the
 *       minimum altitude, the Sun grazing −12° at high latitude near the start or end of white
 *       nights) is ill-conditioned: a 0.01° altitude error moves it by minutes, and a window a
 *       few minutes long may appear or vanish. No model this cheap can do better there; none of
 *       the window edges elsewhere is affected.
 *   <li>Time scales: UT1 = UTC, TT = UTC + 69.184 s (right from 2017 until the next leap
 *       second). Good for a few decades around 2000; beyond that, precession and the solar theory
 *       are still fine but ΔT needs updating.
 *   <li>Latitude is geodetic, the horizon is the geodetic one; elevation is accepted but changes
 *       nothing (no refraction, no horizon dip, Sun parallax taken at sea level).
 *   <li>Targets are fixed stars: no proper motion, parallax, or solar-system bodies.
 * </ul>
 *
 * <h2>Constraints beyond altitude and Sun</h2>
 * Airmass is geometric sec z and folds into the altitude threshold; the hour-angle limit trims
 * each pass around transit: both stay closed-form. The Moon is Meeus ch. 47 (truncated ELP-2000,
 * ~10"; 0.6" from astropy on the unit fixture) made topocentric with the site's geocentric
 * vector (parallax up to ~1°); its illuminated fraction is Meeus ch. 48 / astroplan's rule,
 * geocentric. Moon separation, the illumination rule (satisfied while the Moon's geometric
 * altitude is below 0) and horizon masks are sampled along each closed-form window (15 min, or
 * 5 min with a mask) and every sign change is bisected to 0.5 s; a condition failing only
 * between two samples for less than a step can be missed (a grazing, ill-conditioned edge).
 * Checked against astropy's {@code get_body('moon', t, location)} on the fixture of
 * {@code tools/astro-reference/generate_constraints_reference.py}: every edge within 60 s.
 */
package org.openastro.scheduler.astro;
