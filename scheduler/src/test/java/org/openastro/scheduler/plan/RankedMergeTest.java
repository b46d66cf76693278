package org.openastro.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RankedMergeTest {
  @Test
  void givesEveryRankOnceInAscendingOrder() {
    Random random = new Random(3);
    for (int round = 0; round < 200; round++) {
      List<Integer> ranks = new ArrayList<>(IntStream.range(0, random.nextInt(300)).boxed().toList());
      Collections.shuffle(ranks, random);
      int lists = 1 + random.nextInt(20);
      List<List<Integer>> split = new ArrayList<>();
      for (int i = 0; i < lists; i++) {
        split.add(new ArrayList<>());
      }
      ranks.forEach(r -> split.get(random.nextInt(lists)).add(r));
      int[][] sorted = split.stream().map(l -> l.stream().mapToInt(Integer::intValue).sorted().toArray())
          .toArray(int[][]::new);
      RankedMerge merge = new RankedMerge(sorted);
      List<Integer> out = new ArrayList<>();
      for (int r = merge.take(); r != RankedMerge.END; r = merge.take()) {
        out.add(r);
      }
      assertThat(out).isEqualTo(IntStream.range(0, ranks.size()).boxed().toList());
      assertThat(merge.take()).isEqualTo(RankedMerge.END);
    }
  }

  @Test
  void noListsNoRanks() {
    assertThat(new RankedMerge(new int[0][]).take()).isEqualTo(RankedMerge.END);
    assertThat(new RankedMerge(new int[][] {{}, {}}).take()).isEqualTo(RankedMerge.END);
  }
}
