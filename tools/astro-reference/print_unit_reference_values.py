#!/usr/bin/env python3
"""Prints the astropy values hard-coded in AstroUnitsTest (apparent places, sidereal time, Sun).

    python3 tools/astro-reference/print_unit_reference_values.py
Apparent place = astropy's TETE frame (true equator, true equinox of date, geocentric), which is
what FrameOfDate computes; sidereal time = Time.sidereal_time('apparent'); Sun = get_sun -> TETE.
"""
import warnings

from astropy.utils import iers

iers.conf.auto_download = False
iers.conf.auto_max_age = None
iers.conf.iers_degraded_accuracy = "warn"
warnings.simplefilter("ignore")

import astropy.units as u  # noqa: E402
from astropy.coordinates import TETE, SkyCoord, get_sun  # noqa: E402
from astropy.time import Time  # noqa: E402

TIMES = ["2026-03-20T00:00:00", "2026-09-23T18:30:00", "2030-01-01T06:00:00"]
STARS = [(37.9546, 89.2641), (317.195, -88.956), (83.822, -5.391), (279.2347, 38.7837)]

for iso in TIMES:
    t = Time(iso, scale="utc")
    print("%s gast_deg=%.7f gmst_deg=%.7f" % (iso, t.sidereal_time("apparent", "greenwich").deg,
                                               t.sidereal_time("mean", "greenwich").deg))
    sun = get_sun(t).transform_to(TETE(obstime=t))
    print("  sun ra=%.6f dec=%.6f" % (sun.ra.deg, sun.dec.deg))
    for ra, dec in STARS:
        app = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs").transform_to(TETE(obstime=t))
        print("  star %.4f %.4f -> ra=%.7f dec=%.7f" % (ra, dec, app.ra.deg, app.dec.deg))
