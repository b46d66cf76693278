/** The vocabulary of the data model (DESIGN.md), shared by storage, gateway and scheduler. */
package org.openastro.domain;
