package org.openastro.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openastro.api.auth.ApiRole;
import org.openastro.api.auth.Caller;
import org.openastro.archive.Embargo.Access;

class EmbargoTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant FUTURE = NOW.plusSeconds(1);
  static final Instant PAST = NOW.minusSeconds(1);
  static final Caller ADMIN = new Caller("admin", ApiRole.ADMIN, "k0");
  static final Caller ALICE = new Caller("alice", ApiRole.SUBMITTER, "k1");
  static final Caller BOB = new Caller("bob", ApiRole.SUBMITTER, "k2");

  @Test
  void publicArtifactsAreSeenByEveryone() {
    for (Instant publicAfter : new Instant[] {null, PAST, NOW}) {
      assertThat(Embargo.access(publicAfter, NOW, Caller.ANONYMOUS)).isEqualTo(Access.VISIBLE);
      assertThat(Embargo.access(publicAfter, NOW, BOB)).isEqualTo(Access.VISIBLE);
    }
  }

  @Test
  void embargoedArtifactsAreHiddenFromAnonymousAndDependOnOwnershipForKeys() {
    assertThat(Embargo.access(FUTURE, NOW, Caller.ANONYMOUS)).isEqualTo(Access.HIDDEN);
    assertThat(Embargo.access(FUTURE, NOW, ADMIN)).isEqualTo(Access.VISIBLE);
    assertThat(Embargo.access(FUTURE, NOW, ALICE)).isEqualTo(Access.ASK_OWNER);
  }

  @Test
  void onlyTheOwnerAndAdminsSeeAllOfAMission() {
    assertThat(Embargo.seesAll("alice", ALICE)).isTrue();
    assertThat(Embargo.seesAll("alice", BOB)).isFalse();
    assertThat(Embargo.seesAll("alice", ADMIN)).isTrue();
    assertThat(Embargo.seesAll("alice", Caller.ANONYMOUS)).isFalse();
    // a mission submitted before keys existed has no owner: only admins see its embargoed products
    assertThat(Embargo.seesAll(null, ALICE)).isFalse();
    assertThat(Embargo.seesAll(null, ADMIN)).isTrue();
  }
}
