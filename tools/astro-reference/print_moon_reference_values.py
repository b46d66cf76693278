#!/usr/bin/env python3
"""Moon reference values for MoonTest (scheduler/src/test/java/.../astro/): the Moon's
topocentric apparent altitude and azimuth (AltAz, pressure=0: no refraction) and its
separation from a few fixed targets as seen from the site, from
get_body('moon', t, location=site), plus the geocentric illuminated fraction by astroplan's
rule (phase angle from the geocentric elongation Sun-Moon). Prints Java-ready rows.

Run: /usr/bin/python3 tools/astro-reference/print_moon_reference_values.py
"""
import warnings

import numpy as np
from astropy.utils import iers

iers.conf.auto_download = False
iers.conf.auto_max_age = None
iers.conf.iers_degraded_accuracy = "warn"

import astropy.units as u  # noqa: E402
from astropy.coordinates import AltAz, EarthLocation, SkyCoord, get_body, get_sun  # noqa: E402
from astropy.time import Time  # noqa: E402

warnings.simplefilter("ignore")

ROWS = [
    # (iso UTC, lat, lon, elevation m, target ra, dec)
    ("2026-01-03T06:00:00", 52.0, 0.1, 20.0, 100.0, 25.0),
    ("2026-03-20T22:30:00", -33.0, -70.7, 1500.0, 150.0, 10.0),
    ("2026-05-31T12:00:00", 19.82, -155.47, 4200.0, 250.0, -20.0),
    ("2026-08-10T02:00:00", 70.0, 23.0, 10.0, 40.0, 15.0),
    ("2026-11-24T18:45:00", 0.0, 37.0, 1500.0, 330.0, -5.0),
    ("2026-12-21T00:00:00", -60.0, 150.0, 0.0, 210.0, -60.0),
]


def illumination(t):
    sun = get_sun(t)
    moon = get_body("moon", t)
    elong = sun.separation(moon)
    i = np.arctan2(sun.distance * np.sin(elong), moon.distance - sun.distance * np.cos(elong))
    return float((1 + np.cos(i)) / 2)


def main():
    for iso, lat, lon, h, ra, dec in ROWS:
        t = Time(iso, scale="utc")
        loc = EarthLocation.from_geodetic(lon=lon * u.deg, lat=lat * u.deg, height=h * u.m)
        moon = get_body("moon", t, location=loc)
        aa = moon.transform_to(AltAz(obstime=t, location=loc, pressure=0 * u.hPa))
        sep = moon.separation(SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs")).deg
        print('      {"%sZ", %s, %s, %s, %s, %s, %.6f, %.6f, %.6f, %.6f},'
              % (iso, lat, lon, h, ra, dec, aa.alt.deg, aa.az.deg, sep, illumination(t)))


if __name__ == "__main__":
    main()
