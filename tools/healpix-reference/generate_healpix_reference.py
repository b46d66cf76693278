#!/usr/bin/env python3
"""Reference values of the HEALPix scheme for the alerts module's own implementation, with healpy.

Writes alerts/src/test/resources/tiling/healpix-reference.tsv, which HealpixReferenceTest
(alerts/src/test/java/org/openastro/alerts/tiling/) reads, so CI checks the Java code against an
independent implementation without needing python. Lines (tab-separated, radians):
  nest2ang  order ipix   theta phi     healpy.pix2ang(nside, ipix, nest=True)
  ring2ang  nside ipix   theta phi     healpy.pix2ang(nside, ipix, nest=False)
  ang2nest  order theta  phi   ipix    healpy.ang2pix(nside, theta, phi, nest=True)
  uniq      uniq  order  ipix          astropy_healpix.uniq_to_level_ipix (python3-astropy-healpix) when
                                       installed, else the
                                       definition uniq = 4 * 4**order + ipix (the multi-order map
                                       standard) written forwards, which the Java code decodes
Pixels: every face's corners and centres, the polar caps' first and last rings, and a fixed-seed
random sample, at orders 0, 1, 2, 5, 8, 10, 13, 17, 20, 29 (and a non-power-of-two ring NSIDE).
Directions: random, plus points within 1e-9 rad of the poles and on the face boundaries
(z = +-2/3, phi multiples of pi/2).

Run (Debian: apt-get install -y python3-healpy; python3-astropy-healpix optional):
    /usr/bin/python3 tools/healpix-reference/generate_healpix_reference.py
Takes a second; the output is reproducible (fixed seed), so a rerun changes nothing.
"""
import os
import numpy as np
import healpy as hp

try:
    from astropy_healpix import uniq_to_level_ipix
except ImportError:  # the definition itself, written forwards
    uniq_to_level_ipix = None

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'alerts', 'src', 'test', 'resources', 'tiling',
                   'healpix-reference.tsv')
ORDERS = [0, 1, 2, 5, 8, 10, 13, 17, 20, 29]
rng = np.random.default_rng(20261203)


def pixels(order):
    nside = 1 << order
    npix = 12 * nside * nside
    per_face = nside * nside
    chosen = set()
    for face in range(12):
        base = face * per_face
        chosen.update([base, base + per_face - 1, base + per_face // 2, base + per_face // 3])
    chosen.update([0, 1, 2, 3, npix - 1, npix - 2, npix // 2])
    chosen.update(int(p) for p in rng.integers(0, npix, size=40, dtype=np.int64))
    return sorted(p for p in chosen if 0 <= p < npix)


def main():
    lines = []
    for order in ORDERS:
        nside = 1 << order
        for p in pixels(order):
            theta, phi = hp.pix2ang(nside, p, nest=True)
            lines.append(f"nest2ang\t{order}\t{p}\t{theta!r}\t{phi!r}")
    for nside in [1, 2, 4, 16, 64, 256, 1024, 3, 100, 1 << 20]:
        npix = 12 * nside * nside
        ncap = 2 * nside * (nside - 1)
        chosen = {0, 1, 2, 3, npix - 1, npix - 4, max(ncap - 1, 0), ncap, npix - ncap - 1, min(npix - ncap, npix - 1),
                  npix // 2}
        chosen.update(int(p) for p in rng.integers(0, npix, size=30, dtype=np.int64))
        for p in sorted(chosen):
            theta, phi = hp.pix2ang(nside, p, nest=False)
            lines.append(f"ring2ang\t{nside}\t{p}\t{theta!r}\t{phi!r}")
    dirs = [(1e-9, 0.3), (np.pi - 1e-9, 5.0), (1e-3, 1.0), (np.pi - 1e-3, 2.0), (np.arccos(2 / 3), 0.0),
            (np.arccos(-2 / 3), np.pi / 2), (np.pi / 2, 0.0), (np.pi / 2, np.pi), (0.1, 2 * np.pi - 1e-12)]
    z = rng.uniform(-1, 1, size=200)
    ph = rng.uniform(0, 2 * np.pi, size=200)
    dirs += list(zip(np.arccos(z), ph))
    for order in ORDERS:
        nside = 1 << order
        for theta, phi in dirs:
            p = hp.ang2pix(nside, theta, phi, nest=True)
            lines.append(f"ang2nest\t{order}\t{float(theta)!r}\t{float(phi)!r}\t{int(p)}")
    for order in ORDERS:
        nside = 1 << order
        for p in pixels(order)[:12]:
            u = 4 * 4 ** order + p
            if uniq_to_level_ipix is not None:
                level, ipix = uniq_to_level_ipix(np.int64(u))
                level, ipix = int(level), int(ipix)
            else:
                level, ipix = order, p
            lines.append(f"uniq\t{u}\t{level}\t{ipix}")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        f.write("# healpy " + hp.__version__ + ", tools/healpix-reference/generate_healpix_reference.py\n")
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} lines -> {os.path.normpath(OUT)}")


if __name__ == '__main__':
    main()
