#!/usr/bin/env python3
"""Reference visibility windows for the scheduler's astro package, computed with astropy.

Writes scheduler/src/test/resources/astro/visibility-reference.csv, which
VisibilityReferenceTest (scheduler/src/test/java/org/openastro/scheduler/astro/)
reads. The Java code is pure closed-form Meeus-style astronomy; this script is an
independent check of it with astropy's full IAU 2006/2000A machinery.

How the reference is made, per case:
  * target: ICRS (J2000) RA/Dec -> AltAz(location, pressure=0), i.e. apparent
    topocentric altitude WITHOUT atmospheric refraction;
  * Sun: get_sun (GCRS, apparent) -> the same AltAz frame (so topocentric parallax
    is included, 9 arcsec at most);
  * both altitudes on a 30 s grid over [from, to]; each sign change of
    (altitude - threshold) is refined by bisection to ~10 ms;
  * windows = {target alt >= min_alt} (and, with night, {sun alt <= sun_max}),
    clipped to [from, to).
Each crossing also records the altitude rate there (deg/min): an edge whose rate
is tiny (a grazing crossing) is ill-conditioned, because any small altitude error
moves it a lot; the Java test uses that to tell such edges apart.

Run (Debian: apt-get install -y python3-astropy python3-numpy):
    python3 tools/astro-reference/generate_visibility_reference.py
No internet is needed: IERS auto-download is off; for 2026 astropy then uses
UT1-UTC = 0 / no polar motion (under a second of time, irrelevant at the ±2 min
accuracy being tested). The case list is drawn from a fixed seed, so the output
is reproducible for a given astropy version.
"""
import csv
import os
import random
import sys
import warnings

import numpy as np
from astropy.utils import iers

iers.conf.auto_download = False
iers.conf.auto_max_age = None
iers.conf.iers_degraded_accuracy = "warn"

import astropy  # noqa: E402
import astropy.units as u  # noqa: E402
from astropy.coordinates import AltAz, EarthLocation, SkyCoord, get_sun  # noqa: E402
from astropy.time import Time, TimeDelta  # noqa: E402

warnings.simplefilter("ignore")  # IERS range warnings: expected, see docstring

GRID_S = 30.0
BISECTIONS = 12  # 30 s / 2^12 = 7 ms

# (name, latitude deg, longitude deg east, elevation m)
SITES = [
    ("south-atlantic-60S", -60.0, -45.0, 10.0),
    ("southern-ocean-60S", -60.0, 150.0, 0.0),
    ("cape-33S", -33.93, 18.47, 50.0),
    ("chile-33S", -33.0, -70.7, 1500.0),
    ("quito-0", 0.0, -78.5, 2800.0),
    ("kenya-0", 0.0, 37.0, 1500.0),
    ("mauna-kea-19.8N", 19.82, -155.47, 4200.0),
    ("la-palma-28.7N", 28.76, -17.89, 2400.0),
    ("delhi-28.7N", 28.7, 77.2, 200.0),
    ("cambridge-52N", 52.0, 0.1, 20.0),
    ("berlin-52N", 52.0, 13.4, 30.0),
    ("saskatoon-52N", 52.0, -106.0, 500.0),
    ("hammerfest-70N", 70.0, 23.0, 10.0),
    ("north-slope-70N", 70.0, -148.5, 10.0),
]

# (name, ra deg, dec deg) J2000
NAMED_TARGETS = [
    ("polaris", 37.9546, 89.2641),
    ("sigma-oct", 317.195, -88.956),
    ("orion-nebula", 83.822, -5.391),
    ("equator-180", 180.0, 0.0),
    ("equator-0", 0.5, 0.0),
    ("vega", 279.2347, 38.7837),
    ("canopus", 95.9880, -52.6957),
    ("lmc", 80.894, -69.756),
    ("m31", 10.6847, 41.2690),
    ("sgr-a", 266.417, -29.008),
    ("dec-plus-75", 150.0, 75.0),
    ("dec-minus-75", 200.0, -75.0),
]

DATES = ["2026-01-15", "2026-03-20", "2026-05-05", "2026-06-21",
         "2026-08-10", "2026-09-23", "2026-11-01", "2026-12-21"]
MIN_ALTS = [0.0, 20.0, 30.0, 45.0]


def build_cases(rng):
    """Every site x date gets one span (24 h from 00:00 UTC, or 48 h from an odd
    time) and three (target, min alt, night) combinations."""
    cases = []
    for si, site in enumerate(SITES):
        for di, date in enumerate(DATES):
            if (si + di) % 2 == 0:
                start = Time(date + "T00:00:00", scale="utc")
                hours = 24
            else:
                start = Time(date + "T00:00:00", scale="utc") + TimeDelta(
                    rng.randrange(0, 24 * 60) * 60.0 + rng.randrange(0, 60), format="sec")
                hours = 48
            for _ in range(3):
                if rng.random() < 0.75:
                    tname, ra, dec = rng.choice(NAMED_TARGETS)
                else:
                    tname, ra, dec = "random", round(rng.uniform(0, 360), 4), round(
                        np.degrees(np.arcsin(rng.uniform(-1, 1))), 4)
                night = rng.random() < 0.6
                sun_max = rng.choice([-12.0, -12.0, -12.0, -18.0, -6.0]) if night else -12.0
                cases.append(dict(site=site, start=start, hours=hours, target=(tname, ra, dec),
                                  min_alt=rng.choice(MIN_ALTS), night=night, sun_max=sun_max))
    return cases


def site(name):
    return next(s for s in SITES if s[0] == name)


def target(name):
    return next(t for t in NAMED_TARGETS if t[0] == name)


# Deliberate cases for the corners: white nights and their onset at 70N (the night shrinks to
# nothing around 2026-04-11 for Sun <= -12), polar-ish long nights, no astronomical night at 52N
# in June, Polaris grazing the horizon from the equator.
EXTRA_CASES = [
    # (site, start (UTC), hours, target, min alt, night, sun max)
    ("hammerfest-70N", "2026-06-20T12:00:00", 48, "polaris", 30.0, True, -12.0),
    ("hammerfest-70N", "2026-05-05T12:00:00", 48, "polaris", 30.0, True, -12.0),
    ("north-slope-70N", "2026-04-08T00:00:00", 48, "polaris", 30.0, True, -12.0),
    ("hammerfest-70N", "2026-04-09T12:00:00", 48, "dec-plus-75", 20.0, True, -12.0),
    ("hammerfest-70N", "2026-04-12T12:00:00", 24, "polaris", 30.0, True, -12.0),
    ("hammerfest-70N", "2026-12-20T12:00:00", 48, "polaris", 30.0, True, -12.0),
    ("hammerfest-70N", "2026-12-21T00:00:00", 48, "vega", 0.0, True, -6.0),
    ("south-atlantic-60S", "2026-06-21T00:00:00", 48, "sigma-oct", 30.0, True, -12.0),
    ("southern-ocean-60S", "2026-06-20T06:00:00", 48, "lmc", 20.0, True, -18.0),
    ("cambridge-52N", "2026-06-20T12:00:00", 48, "polaris", 30.0, True, -18.0),
    ("cambridge-52N", "2026-06-20T12:00:00", 48, "vega", 30.0, True, -12.0),
    ("quito-0", "2026-03-20T00:00:00", 48, "polaris", 0.0, False, -12.0),
    ("kenya-0", "2026-09-23T00:00:00", 48, "sigma-oct", 0.0, False, -12.0),
]


def build_extra_cases():
    return [dict(site=site(s), start=Time(t0, scale="utc"), hours=h, target=target(tn),
                 min_alt=m, night=n, sun_max=sm)
            for s, t0, h, tn, m, n, sm in EXTRA_CASES]


def crossings(alt_fn, offsets, values, threshold):
    """Sign changes of values - threshold on the grid, refined by bisection.
    Returns (times_s, rising_flags, rates_deg_per_min)."""
    d = values - threshold
    above = d >= 0
    idx = np.nonzero(above[1:] != above[:-1])[0]
    if len(idx) == 0:
        return np.array([]), np.array([], dtype=bool), np.array([])
    lo = offsets[idx].astype(float)
    hi = offsets[idx + 1].astype(float)
    lo_above = above[idx]
    for _ in range(BISECTIONS):
        mid = 0.5 * (lo + hi)
        mid_above = alt_fn(mid) - threshold >= 0
        same = mid_above == lo_above
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    t = 0.5 * (lo + hi)
    rate = (alt_fn(t + 5.0) - alt_fn(t - 5.0)) / 10.0 * 60.0
    return t, ~lo_above, rate


def intervals_from(crossing_t, rising, start_inside, span_s):
    """Intervals where the condition holds, from its state at 0 and its crossings."""
    out, open_at = [], (0.0 if start_inside else None)
    for t, r in zip(crossing_t, rising):
        if r and open_at is None:
            open_at = t
        elif not r and open_at is not None:
            out.append((open_at, t))
            open_at = None
    if open_at is not None:
        out.append((open_at, span_s))
    return out


def intersect(a, b):
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if e > s:
            out.append((s, e))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


class Span:
    """One site over [start, start + hours): grid, frames, and altitude functions."""

    def __init__(self, site, start, hours):
        _, lat, lon, elev = site
        self.start, self.span_s = start, hours * 3600.0
        self.location = EarthLocation.from_geodetic(lon=lon * u.deg, lat=lat * u.deg, height=elev * u.m)
        self.offsets = np.arange(0.0, self.span_s + GRID_S / 2, GRID_S)
        self._sun_cache = {}

    def frame(self, offsets):
        t = self.start + TimeDelta(np.atleast_1d(offsets), format="sec")
        return t, AltAz(obstime=t, location=self.location, pressure=0 * u.hPa)

    def target_alt_fn(self, ra, dec):
        coord = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs")
        return lambda offsets: coord.transform_to(self.frame(offsets)[1]).alt.deg

    def sun_alt(self, offsets):
        t, fr = self.frame(offsets)
        return get_sun(t).transform_to(fr).alt.deg

    def condition_intervals(self, alt_fn, threshold, want_above, values=None):
        if values is None:
            values = alt_fn(self.offsets)
        t, rising, rate = crossings(alt_fn, self.offsets, values, threshold)
        if not want_above:
            rising = ~rising
        inside0 = (values[0] >= threshold) if want_above else (values[0] <= threshold)
        rates = dict(zip(np.round(t, 3), np.abs(rate)))
        return intervals_from(t, rising, inside0, self.span_s), rates

    def dark_intervals(self, sun_max):
        if sun_max not in self._sun_cache:
            if "values" not in self._sun_cache:
                self._sun_cache["values"] = self.sun_alt(self.offsets)
            self._sun_cache[sun_max] = self.condition_intervals(
                self.sun_alt, sun_max, False, self._sun_cache["values"])
        return self._sun_cache[sun_max]


def iso(t0, offset_s):
    t = t0 + TimeDelta(offset_s, format="sec")
    t.precision = 3
    return t.isot + "Z"


def rate_of(rates, t, span_s):
    if t <= 0.0 or t >= span_s:
        return "B"  # a span boundary, not a crossing
    return "%.4f" % rates[round(t, 3)]


def main():
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    out_path = os.path.join(repo, "scheduler", "src", "test", "resources", "astro", "visibility-reference.csv")
    rng = random.Random(20260101)
    cases = build_cases(rng) + build_extra_cases()
    spans = {}
    rows = []
    for n, c in enumerate(cases):
        key = (c["site"][0], c["start"].isot, c["hours"])
        if key not in spans:
            spans[key] = Span(c["site"], c["start"], c["hours"])
        span = spans[key]
        tname, ra, dec = c["target"]
        up, rates = span.condition_intervals(span.target_alt_fn(ra, dec), c["min_alt"], True)
        windows = up
        if c["night"]:
            dark, sun_rates = span.dark_intervals(c["sun_max"])
            windows = intersect(up, dark)
            rates = {**rates, **sun_rates}
        _, lat, lon, elev = c["site"]
        rows.append({
            "case": n + 1, "site": c["site"][0], "lat": lat, "lon": lon, "elevation_m": elev,
            "target": tname, "ra": ra, "dec": dec,
            "from": iso(span.start, 0.0), "to": iso(span.start, span.span_s),
            "min_alt": c["min_alt"], "night": str(c["night"]).lower(), "sun_max_alt": c["sun_max"],
            "windows": " ".join(iso(span.start, s) + "/" + iso(span.start, e) for s, e in windows),
            "edge_rates_deg_per_min": " ".join(
                rate_of(rates, s, span.span_s) + "/" + rate_of(rates, e, span.span_s) for s, e in windows),
        })
        print("case %d/%d %s %s %d windows" % (n + 1, len(cases), c["site"][0], tname, len(windows)),
              file=sys.stderr)
    with open(out_path, "w", newline="") as f:
        f.write("# Generated by tools/astro-reference/generate_visibility_reference.py with astropy %s;"
                " do not edit by hand.\n" % astropy.__version__)
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("wrote %d cases to %s" % (len(rows), out_path), file=sys.stderr)


if __name__ == "__main__":
    main()
