/**
 * The LCO observation-portal compatible subset the TOM Toolkit's OCS facility drives (issue 17):
 * request groups become missions through the one mission intake, and the portal's reads (requests,
 * observations, instruments, telescope states, profile) are answered from missions, tasks and the
 * fleet. The mapping between the two models is pure ({@link org.openastro.scheduler.tom.RequestGroupMapping},
 * {@link org.openastro.scheduler.tom.PortalStates}) and unit-tested; the routes are thin.
 */
package org.openastro.scheduler.tom;
