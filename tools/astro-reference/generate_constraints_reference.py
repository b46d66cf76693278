#!/usr/bin/env python3
"""Reference visibility windows under every observing constraint of issue 13, with astropy.

Writes scheduler/src/test/resources/astro/constraints-reference.csv, which
ConstraintsReferenceTest (scheduler/src/test/java/org/openastro/scheduler/astro/) reads.

Each constraint is a margin function of time, >= 0 exactly where it holds:
  * alt:       target altitude - max(min_alt, asin(1/max_airmass))   (AltAz, pressure=0)
  * sun:       sun_max_alt - Sun altitude                  (get_sun -> AltAz; with night only)
  * ha:        15 * max_ha_h - |hour angle| (deg), the hour angle from the target's AltAz
  * moonsep:   separation(target, Moon) - min_moon_sep, with the Moon from
               get_body('moon', t, location=site): TOPOCENTRIC. (astroplan 0.7's
               MoonSeparationConstraint takes the geocentric Moon; it is not used.)
  * moonillum: max(max_moon_illum - k, -(Moon altitude)): the illuminated fraction k by
               astroplan's moon_illumination rule (geocentric elongation Sun-Moon, phase angle
               arctan2(R sin psi, Delta - R cos psi), k = (1 + cos i)/2), satisfied whenever the
               Moon's topocentric geometric altitude is below 0
  * mask:      target altitude - horizon(az), the horizon linearly interpolated in azimuth with
               wrap at 360 (np.interp with period=360)
All are evaluated with astropy on a 60 s grid over the span; the windows are where their
minimum is >= 0; each sign change of that minimum is bisected 14 times (to ~4 ms) on the
underlying quantities (altitude, azimuth, hour angle, separation, Moon altitude, illumination)
interpolated linearly between grid points, which over 60 s is good to well under a second, while
the kinks (|HA|, the mask's vertices, the illumination rule's max) are applied exactly. Each edge records the constraint that flips there (t -/+ 2 s) and that
margin's rate (units per minute; degrees except moonillum's fraction), or B at the span bounds.

Run (Debian: apt-get install -y python3-astropy python3-numpy; astroplan is not needed):
    /usr/bin/python3 tools/astro-reference/generate_constraints_reference.py
About 2 minutes on 2 cores. No internet: IERS auto-download is off (UT1-UTC = 0 for 2026).
Cases come from a fixed seed plus a list of corner cases, so the file is reproducible for a
given astropy version.
"""
import csv
import math
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
from astropy.coordinates import AltAz, EarthLocation, SkyCoord, get_body, get_sun  # noqa: E402
from astropy.time import Time, TimeDelta  # noqa: E402

warnings.simplefilter("ignore")

GRID_S = 60.0
BISECTIONS = 14

SITES = [
    ("la-palma-28.7N", 28.76, -17.89, 2400.0),
    ("chile-33S", -33.0, -70.7, 1500.0),
    ("mauna-kea-19.8N", 19.82, -155.47, 4200.0),
    ("cambridge-52N", 52.0, 0.1, 20.0),
    ("cape-33S", -33.93, 18.47, 50.0),
    ("quito-0", 0.0, -78.5, 2800.0),
    ("hammerfest-70N", 70.0, 23.0, 10.0),
    ("delhi-28.7N", 28.7, 77.2, 200.0),
]

# Full and new Moons of 2026 (UTC dates), and first/last quarters near them.
MOON_DATES = ["2026-01-03", "2026-01-18", "2026-02-01", "2026-03-03", "2026-03-19",
              "2026-04-02", "2026-05-01", "2026-05-31", "2026-06-15", "2026-07-29",
              "2026-08-28", "2026-09-26", "2026-10-26", "2026-11-24", "2026-12-24",
              "2026-01-10", "2026-04-10", "2026-07-21", "2026-10-18"]

MASKS = [
    "0:5;60:30;90:40;120:30;180:5;270:10",     # a wall in the east
    "45:35;135:35;140:0;40:0",                  # a block from 45 to 135
    "340:30;20:30;25:0;335:0",                  # a mask across north: wrap at 360
    "0:15",                                     # one point: a constant 15 deg
    "10:0;80:25;100:45;110:20;200:12;300:8",
]


def parse_mask(text):
    pts = sorted((float(a), float(b)) for a, b in (p.split(":") for p in text.split(";")))
    return np.array([p[0] for p in pts]), np.array([p[1] for p in pts])


def mask_alt(mask, az):
    xs, ys = mask
    if len(xs) == 1:
        return np.full_like(az, ys[0])
    return np.interp(az, xs, ys, period=360.0)


class Span:
    def __init__(self, site, start, hours):
        _, lat, lon, elev = site
        self.lat = lat
        self.start, self.span_s = start, hours * 3600.0
        self.location = EarthLocation.from_geodetic(lon=lon * u.deg, lat=lat * u.deg, height=elev * u.m)
        self.offsets = np.arange(0.0, self.span_s + GRID_S / 2, GRID_S)
        self.grid = None

    def bodies(self):
        """Sun altitude, topocentric Moon, Moon altitude, illumination on the grid (cached)."""
        if self.grid is None:
            t = self.start + TimeDelta(self.offsets, format="sec")
            frame = AltAz(obstime=t, location=self.location, pressure=0 * u.hPa)
            sun = get_sun(t)
            moon = get_body("moon", t, location=self.location)
            geo_moon = get_body("moon", t)
            elong = sun.separation(geo_moon).rad
            r, d = sun.distance.to(u.km).value, geo_moon.distance.to(u.km).value
            i = np.arctan2(r * np.sin(elong), d - r * np.cos(elong))
            self.grid = dict(frame=frame, sun_alt=sun.transform_to(frame).alt.deg, moon=moon,
                             moon_alt=moon.transform_to(frame).alt.deg, illum=(1 + np.cos(i)) / 2)
        return self.grid

    def raw(self, c):
        """Every quantity the margins need, on the grid; angles that wrap are unwrapped so that
        they can be interpolated."""
        b = self.bodies()
        target = SkyCoord(ra=c["ra"] * u.deg, dec=c["dec"] * u.deg, frame="icrs")
        aa = target.transform_to(b["frame"])
        alt, az = aa.alt.deg, aa.az.deg
        phi = math.radians(self.lat)
        a, h = np.radians(az), np.radians(alt)
        ha = np.arctan2(-np.sin(a) * np.cos(h),
                        np.sin(h) * math.cos(phi) - np.cos(h) * math.sin(phi) * np.cos(a))
        raw = dict(alt=alt, az=np.degrees(np.unwrap(a)), ha=np.degrees(np.unwrap(ha)),
                   sun_alt=b["sun_alt"], moon_alt=b["moon_alt"], illum=b["illum"])
        if c["min_moon_sep"] > 0:
            raw["sep"] = b["moon"].separation(target).deg
        return raw

    @staticmethod
    def margins(c, raw):
        out = {}
        eff = c["min_alt"]
        if c["max_airmass"] != math.inf:
            eff = max(eff, math.degrees(math.asin(1.0 / c["max_airmass"])))
        out["alt"] = raw["alt"] - eff
        if c["night"]:
            out["sun"] = c["sun_max"] - raw["sun_alt"]
        if c["max_ha_h"] < 12:
            ha = (raw["ha"] + 180.0) % 360.0 - 180.0
            out["ha"] = 15.0 * c["max_ha_h"] - np.abs(ha)
        if c["min_moon_sep"] > 0:
            out["moonsep"] = raw["sep"] - c["min_moon_sep"]
        if c["max_moon_illum"] < 1:
            out["moonillum"] = np.maximum(c["max_moon_illum"] - raw["illum"], -raw["moon_alt"])
        if c["horizon"]:
            out["mask"] = raw["alt"] - mask_alt(parse_mask(c["horizon"]), raw["az"] % 360.0)
        return out

    def at(self, raw, offsets):
        """The raw quantities between grid points, linearly interpolated: over 30 s every one of
        them is smooth to far better than the 60 s tested (the kinks of |HA|, of the mask and of
        the illumination rule's max are applied after interpolation, so they stay exact)."""
        return {k: np.interp(offsets, self.offsets, v) for k, v in raw.items()}

    def windows(self, c):
        raw = self.raw(c)
        m = self.margins(c, raw)
        g = np.min(np.vstack(list(m.values())), axis=0)
        ok = g >= 0
        idx = np.nonzero(ok[1:] != ok[:-1])[0]
        lo, hi = self.offsets[idx].astype(float), self.offsets[idx + 1].astype(float)
        lo_ok = ok[idx]
        for _ in range(BISECTIONS):
            if len(idx) == 0:
                break
            mid = 0.5 * (lo + hi)
            mm = self.margins(c, self.at(raw, mid))
            mid_ok = np.min(np.vstack(list(mm.values())), axis=0) >= 0
            same = mid_ok == lo_ok
            lo, hi = np.where(same, mid, lo), np.where(same, hi, mid)
        edges = 0.5 * (lo + hi)
        kinds = {}
        if len(edges):
            before = self.margins(c, self.at(raw, edges - 2.0))
            after = self.margins(c, self.at(raw, edges + 2.0))
            for j, e in enumerate(edges):
                flips = [k for k in before if (before[k][j] >= 0) != (after[k][j] >= 0)]
                k = flips[0] if flips else min(before, key=lambda k: abs(before[k][j]))
                kinds[round(e, 3)] = "%s:%.4f" % (k, abs(after[k][j] - before[k][j]) / 4.0 * 60.0)
        out, open_at = [], (0.0 if ok[0] else None)
        for e, rising in zip(edges, ~lo_ok):
            if rising and open_at is None:
                open_at = e
            elif not rising and open_at is not None:
                out.append((open_at, e))
                open_at = None
        if open_at is not None:
            out.append((open_at, self.span_s))
        return out, kinds


def iso(t0, offset_s):
    t = t0 + TimeDelta(offset_s, format="sec")
    t.precision = 3
    return t.isot + "Z"


def kind_of(kinds, t, span_s):
    return "B" if t <= 0.0 or t >= span_s else kinds[round(t, 3)]


def moon_direction(t):
    """The geocentric Moon's direction as a plain RA/Dec (no distance: transforming the Moon
    with its distance to ICRS would move the origin to the barycentre). Good to the ~20"
    of aberration, plenty for placing targets near it."""
    m = get_body("moon", t)
    return SkyCoord(ra=m.ra, dec=m.dec, frame="icrs")


def near_moon(start, hours, rng, max_offset, with_offset=False):
    """A target within max_offset deg of the geocentric Moon at mid-span (ICRS)."""
    m = moon_direction(start + TimeDelta(hours * 1800.0, format="sec"))
    off = rng.uniform(1.0, max_offset)
    pa = rng.uniform(0, 360)
    p = m.directional_offset_by(pa * u.deg, off * u.deg)
    place = (round(p.ra.deg % 360.0, 4), round(p.dec.deg, 4))
    return (place, off) if with_offset else place


def on_moon_path(site, start, hours, lateral, ahead_h=0.0):
    """A target the Moon passes by: on its path (geocentric) ahead_h hours after the Moon's
    highest point at the site in the middle of the span, offset sideways by `lateral` degrees,
    so that separation edges fall inside the span while the target is up."""
    _, lat, lon, elev = site
    loc = EarthLocation.from_geodetic(lon=lon * u.deg, lat=lat * u.deg, height=elev * u.m)
    hrs = np.arange(6.0, hours - 6.0 + 0.01, 0.25)
    ts = start + TimeDelta(hrs * 3600.0, format="sec")
    alt = get_body("moon", ts, location=loc).transform_to(
        AltAz(obstime=ts, location=loc, pressure=0 * u.hPa)).alt.deg
    mid = ts[int(np.argmax(alt))] + TimeDelta(ahead_h * 3600.0, format="sec")
    m0 = moon_direction(mid)
    m1 = moon_direction(mid + TimeDelta(3600.0, format="sec"))
    pa = m0.position_angle(m1)
    p = m0.directional_offset_by(pa + 90 * u.deg, lateral * u.deg)
    return round(p.ra.deg % 360.0, 4), round(p.dec.deg, 4)


def build_cases(rng):
    cases = []
    for n in range(84):
        if n % 3 == 0:  # three cases per span: astropy's cost is mostly per span
            site = SITES[(n // 3) % len(SITES)]
            date = MOON_DATES[rng.randrange(len(MOON_DATES))]
            start = Time(date + "T00:00:00", scale="utc")
            hours = 24
            if n % 2 == 1:
                start = start + TimeDelta(rng.randrange(0, 24 * 60) * 60.0, format="sec")
                hours = 36
        min_sep = rng.choice([0.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0])
        if rng.random() < 0.55:
            (ra, dec), off = near_moon(start, hours, rng, 30.0, with_offset=True)
            tname = "near-moon"
            if rng.random() < 0.7:  # a limit near the actual separation: edges inside the span
                min_sep = round(max(1.0, off + rng.uniform(-3.0, 2.0)), 1)
        else:
            tname, ra, dec = "random", round(rng.uniform(0, 360), 4), round(
                math.degrees(math.asin(rng.uniform(-1, 1))), 4)
        night = rng.random() < 0.7
        cases.append(dict(
            site=site, start=start, hours=hours, target=tname, ra=ra, dec=dec,
            min_alt=rng.choice([0.0, 10.0, 20.0, 30.0]),
            max_airmass=rng.choice([math.inf, math.inf, math.inf, 1.2, 1.5, 2.0, 3.0]),
            min_moon_sep=min_sep,
            max_moon_illum=rng.choice([1.0, 1.0, 1.0, 0.25, 0.5, 0.8, 0.95]),
            night=night, sun_max=rng.choice([-12.0, -12.0, -18.0, -6.0, 0.0]) if night else -12.0,
            max_ha_h=rng.choice([12.0, 12.0, 12.0, 1.0, 2.0, 3.5]),
            horizon=rng.choice(MASKS) if rng.random() < 0.35 else ""))
    return cases


def corner(site_name, t0, hours, tname, ra, dec, **kw):
    c = dict(site=next(s for s in SITES if s[0] == site_name), start=Time(t0, scale="utc"),
             hours=hours, target=tname, ra=ra, dec=dec, min_alt=0.0, max_airmass=math.inf,
             min_moon_sep=0.0, max_moon_illum=1.0, night=False, sun_max=-12.0, max_ha_h=12.0,
             horizon="")
    c.update(kw)
    return c


def build_corner_cases(rng):
    cs = []
    # Targets 2-4 deg from the full Moon of 2026-01-03 / 2026-05-31 with a 10 deg exclusion
    # (topocentric vs geocentric differ by up to a degree here).
    for site_name, date in [("la-palma-28.7N", "2026-01-03"), ("mauna-kea-19.8N", "2026-05-31"),
                            ("chile-33S", "2026-05-31")]:
        start = Time(date + "T00:00:00", scale="utc")
        ra, dec = near_moon(start, 24, random.Random(date), 4.0)
        cs.append(corner(site_name, date + "T00:00:00", 24, "near-full-moon", ra, dec,
                         min_moon_sep=10.0, night=True))
        cs.append(corner(site_name, date + "T00:00:00", 24, "near-full-moon", ra, dec,
                         min_moon_sep=3.0, min_alt=20.0))
    # The Moon passing by a target, 0.7-2 deg to the side, limits 2-8 deg: separation edges
    # through the night, with the topocentric parallax (up to ~1 deg) shaping them.
    for site_name, date, lateral, limit, ahead, night in [
            ("la-palma-28.7N", "2026-01-10", 1.0, 3.0, 0.0, False),
            ("chile-33S", "2026-03-03", 0.7, 2.0, 3.0, False),
            ("mauna-kea-19.8N", "2026-05-31", 2.0, 5.0, -2.0, False),
            ("cambridge-52N", "2026-10-18", 1.5, 8.0, 0.0, False),
            ("cape-33S", "2026-07-21", 1.0, 4.0, 2.0, False),
            ("hammerfest-70N", "2026-01-02", 1.0, 3.0, 0.0, False),
            ("quito-0", "2026-08-28", 0.5, 2.5, -1.0, False),
            ("delhi-28.7N", "2026-11-24", 0.3, 1.5, 0.0, True),
            ("la-palma-28.7N", "2026-04-02", 3.0, 6.0, 1.0, True),
            ("chile-33S", "2026-06-15", 1.2, 12.0, 0.0, False),
            ("cambridge-52N", "2026-01-03", 0.8, 2.0, -2.0, True),
            ("mauna-kea-19.8N", "2026-09-26", 5.0, 10.0, 0.0, True)]:
        site = next(x for x in SITES if x[0] == site_name)
        ra, dec = on_moon_path(site, Time(date + "T00:00:00", scale="utc"), 36, lateral, ahead)
        cs.append(corner(site_name, date + "T00:00:00", 36, "moon-path", ra, dec,
                         min_moon_sep=limit, night=night))
    # Full Moon, illumination limits: satisfied only while the Moon is down.
    cs.append(corner("cambridge-52N", "2026-01-02T12:00:00", 36, "m31", 10.6847, 41.269,
                     max_moon_illum=0.5, night=True, min_alt=20.0))
    cs.append(corner("cape-33S", "2026-11-24T00:00:00", 24, "lmc", 80.894, -69.756,
                     max_moon_illum=0.9, min_alt=10.0))
    # Illumination crossing its limit while the Moon is up (first quarter, k ~ 0.5).
    cs.append(corner("quito-0", "2026-01-25T12:00:00", 48, "equator-0", 0.5, 0.0,
                     max_moon_illum=0.5))
    # Horizon masks in the east; a target rising in the east through them.
    cs.append(corner("la-palma-28.7N", "2026-03-19T00:00:00", 24, "orion-nebula", 83.822, -5.391,
                     horizon=MASKS[0]))
    cs.append(corner("cambridge-52N", "2026-09-26T00:00:00", 24, "vega", 279.2347, 38.7837,
                     horizon=MASKS[1], night=True, sun_max=-6.0))
    cs.append(corner("cambridge-52N", "2026-06-15T00:00:00", 24, "polaris", 37.9546, 89.2641,
                     horizon=MASKS[2]))
    cs.append(corner("cambridge-52N", "2026-06-15T00:00:00", 24, "capella", 79.1723, 45.998,
                     horizon=MASKS[2]))
    cs.append(corner("mauna-kea-19.8N", "2026-08-28T00:00:00", 24, "sgr-a", 266.417, -29.008,
                     horizon=MASKS[4], min_alt=5.0))
    # High airmass limits and hour-angle limits.
    cs.append(corner("chile-33S", "2026-03-03T00:00:00", 24, "canopus", 95.988, -52.6957,
                     max_airmass=1.1))
    cs.append(corner("chile-33S", "2026-03-03T00:00:00", 24, "canopus", 95.988, -52.6957,
                     max_airmass=5.0, min_alt=20.0))
    cs.append(corner("hammerfest-70N", "2026-01-10T00:00:00", 24, "polaris", 37.9546, 89.2641,
                     max_ha_h=1.0))
    cs.append(corner("la-palma-28.7N", "2026-10-18T00:00:00", 24, "m31", 10.6847, 41.269,
                     max_ha_h=0.5, night=True))
    # Everything at once, near a bright Moon.
    start = Time("2026-03-03T00:00:00", scale="utc")
    ra, dec = near_moon(start, 24, random.Random(7), 25.0)
    cs.append(corner("delhi-28.7N", "2026-03-03T00:00:00", 24, "near-moon", ra, dec,
                     min_alt=15.0, max_airmass=2.5, min_moon_sep=20.0, max_moon_illum=0.95,
                     night=True, sun_max=-12.0, max_ha_h=4.0, horizon=MASKS[0]))
    # The Moon from 70N in January (long Moon-up spells) with separation and illumination.
    cs.append(corner("hammerfest-70N", "2026-01-02T00:00:00", 48, "dec-plus-40", 110.0, 40.0,
                     min_moon_sep=30.0, max_moon_illum=0.8, night=True))
    return cs


def main():
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    out_path = os.path.join(repo, "scheduler", "src", "test", "resources", "astro",
                            "constraints-reference.csv")
    rng = random.Random(20261302)
    cases = build_cases(rng) + build_corner_cases(rng)
    spans, rows = {}, []
    for n, c in enumerate(cases):
        key = (c["site"][0], c["start"].isot, c["hours"])
        if key not in spans:
            spans[key] = Span(c["site"], c["start"], c["hours"])
        span = spans[key]
        windows, kinds = span.windows(c)
        name, lat, lon, elev = c["site"]
        rows.append({
            "case": n + 1, "site": name, "lat": lat, "lon": lon, "elevation_m": elev,
            "target": c["target"], "ra": c["ra"], "dec": c["dec"],
            "from": iso(span.start, 0.0), "to": iso(span.start, span.span_s),
            "min_alt": c["min_alt"], "max_airmass": "inf" if c["max_airmass"] == math.inf else c["max_airmass"],
            "min_moon_sep": c["min_moon_sep"], "max_moon_illum": c["max_moon_illum"],
            "night": str(c["night"]).lower(), "sun_max_alt": c["sun_max"], "max_ha_h": c["max_ha_h"],
            "horizon": c["horizon"],
            "windows": " ".join(iso(span.start, s) + "/" + iso(span.start, e) for s, e in windows),
            "edges": " ".join(kind_of(kinds, s, span.span_s) + "/" + kind_of(kinds, e, span.span_s)
                              for s, e in windows),
        })
        print("case %d/%d %s %s %d windows" % (n + 1, len(cases), name, c["target"], len(windows)),
              file=sys.stderr)
    with open(out_path, "w", newline="") as f:
        f.write("# Generated by tools/astro-reference/generate_constraints_reference.py with astropy %s;"
                " do not edit by hand.\n" % astropy.__version__)
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("wrote %d cases to %s" % (len(rows), out_path), file=sys.stderr)


if __name__ == "__main__":
    main()
