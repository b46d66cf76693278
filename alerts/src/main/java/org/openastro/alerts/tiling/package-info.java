/**
 * Error regions larger than a field, as pure domain logic (no Vert.x, no I/O but the bytes handed
 * in): sphere geometry ({@link org.openastro.alerts.tiling.Vec3}), the HEALPix scheme
 * ({@link org.openastro.alerts.tiling.Healpix}: nested and ring pixel centres, nested ang2pix, UNIQ
 * decoding of multi-order maps), reading probability sky maps from FITS
 * ({@link org.openastro.alerts.tiling.SkyMaps}), Gaussian error circles and ellipses
 * ({@link org.openastro.alerts.tiling.GaussianRegion}), a fixed grid of pointings over the sphere
 * ({@link org.openastro.alerts.tiling.SkyGrid}) and the ranking of its cells by the probability they
 * enclose ({@link org.openastro.alerts.tiling.Tiler}).
 *
 * <p>Every region becomes the same thing, {@link org.openastro.alerts.tiling.ProbabilitySamples}:
 * points on the sphere with the probability around each. Tiling assigns each point to its nearest
 * grid centre; since every point of the sphere is within the grid's covering radius of a centre,
 * and that radius is the field's, each point's probability is enclosed by the pointing it is
 * counted for, and no probability is counted twice (the cells are disjoint).
 */
package org.openastro.alerts.tiling;
