package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PairSamplerTest {

    @Test
    void everyImageOnceInPairsOfDistinctViewsOfOneScene() {
        PairSampler sampler = new PairSampler(5, 6, 2, 42);
        List<ViewIndex> order = sampler.epochOrder(3);
        assertEquals(30, order.size());
        assertEquals(30, new HashSet<>(order).size());
        for (ViewIndex v : order) {
            assertTrue(v.scene() >= 0 && v.scene() < 5 && v.view() >= 0 && v.view() < 6);
        }
        for (int k = 0; k < order.size(); k += 2) {
            assertEquals(order.get(k).scene(), order.get(k + 1).scene());
            assertNotEquals(order.get(k).view(), order.get(k + 1).view());
        }
    }

    @Test
    void eachRoundVisitsEveryScene() {
        int scenes = 7;
        List<ViewIndex> order = new PairSampler(scenes, 4, 2, 1).epochOrder(0);
        for (int round = 0; round < 2; round++) {
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k < scenes; k++) {
                seen.add(order.get(2 * (round * scenes + k)).scene());
            }
            assertEquals(scenes, seen.size(), "round " + round);
        }
    }

    @Test
    void orderDependsOnlyOnSeedAndEpoch() {
        PairSampler a = new PairSampler(10, 8, 4, 7);
        PairSampler b = new PairSampler(10, 8, 4, 7);
        b.epochOrder(0);
        assertEquals(a.epochOrder(5), b.epochOrder(5));
        assertNotEquals(a.epochOrder(5), a.epochOrder(6));
        assertNotEquals(a.epochOrder(5), new PairSampler(10, 8, 4, 8).epochOrder(5));
    }

    @Test
    void batchesAreConsecutiveAndIncompleteLastDropped() {
        PairSampler sampler = new PairSampler(3, 6, 4, 11); // 18 images -> 4 batches, 2 dropped
        List<List<ViewIndex>> batches = sampler.batches(2);
        assertEquals(4, batches.size());
        assertEquals(4, sampler.batchesPerEpoch());
        List<ViewIndex> flat = new ArrayList<>();
        batches.forEach(flat::addAll);
        assertEquals(sampler.epochOrder(2).subList(0, 16), flat);
    }

    @Test
    void oddBatchSizeAndOddViewsAreRejected() {
        assertTrue(assertThrows(DatasetException.class, () -> new PairSampler(3, 6, 5, 0))
                .getMessage().contains("5"));
        assertThrows(DatasetException.class, () -> new PairSampler(3, 5, 4, 0));
        assertThrows(DatasetException.class, () -> new PairSampler(3, 6, 4, 0).shard(2, 2));
    }

    @Test
    void shardsAreDisjointEqualSizedAndStrided() {
        PairSampler sampler = new PairSampler(5, 4, 2, 3); // 10 batches
        List<List<ViewIndex>> all = sampler.batches(1);
        int world = 3; // 10 batches -> 3 each, batch 9 dropped
        Set<ViewIndex> union = new HashSet<>();
        for (int r = 0; r < world; r++) {
            List<List<ViewIndex>> mine = sampler.shard(r, world).batches(1);
            assertEquals(3, mine.size());
            for (int k = 0; k < mine.size(); k++) {
                assertEquals(all.get(r + k * world), mine.get(k));
                for (ViewIndex v : mine.get(k)) {
                    assertTrue(union.add(v), "duplicate " + v);
                }
            }
        }
        assertEquals(18, union.size());
    }
}
