package org.openastro.cql.node;

/** One point of a node's horizon mask as stored: azimuth (from north through east) and altitude, degrees. */
public record HorizonPoint(double azDeg, double altDeg) {}
