package org.openastro.alerts.tiling;

/** A unit vector on the celestial sphere (J2000 equatorial: x towards RA 0, z towards the north pole). */
record Vec3(double x, double y, double z) {
  static Vec3 ofRaDec(double raDeg, double decDeg) {
    double ra = Math.toRadians(raDeg);
    double dec = Math.toRadians(decDeg);
    double c = Math.cos(dec);
    return new Vec3(c * Math.cos(ra), c * Math.sin(ra), Math.sin(dec));
  }

  /** From HEALPix's colatitude theta and longitude phi (radians). */
  static Vec3 ofThetaPhi(double theta, double phi) {
    double s = Math.sin(theta);
    return new Vec3(s * Math.cos(phi), s * Math.sin(phi), Math.cos(theta));
  }

  /** Right ascension in [0, 360). */
  double raDeg() {
    double ra = Math.toDegrees(Math.atan2(y, x));
    ra = ra < 0 ? ra + 360 : ra;
    return ra >= 360 ? 0 : ra;
  }

  double decDeg() {
    return Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
  }

  double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  Vec3 times(double k) {
    return new Vec3(x * k, y * k, z * k);
  }

  Vec3 unit() {
    double n = Math.sqrt(x * x + y * y + z * z);
    return new Vec3(x / n, y / n, z / n);
  }

  /** The angle to {@code o}, degrees; atan2 of cross and dot stays accurate for tiny and near-antipodal angles. */
  double angleDeg(Vec3 o) {
    Vec3 c = cross(o);
    return Math.toDegrees(Math.atan2(Math.sqrt(c.dot(c)), dot(o)));
  }

  /** HEALPix colatitude, radians. */
  double theta() {
    return Math.atan2(Math.hypot(x, y), z);
  }

  /** HEALPix longitude, radians, in [0, 2pi). */
  double phi() {
    double p = Math.atan2(y, x);
    return p < 0 ? p + 2 * Math.PI : p;
  }
}
