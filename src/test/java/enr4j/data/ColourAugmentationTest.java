package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class ColourAugmentationTest {
    private static final int SIZE = 4;
    private static final int PLANE = SIZE * SIZE;

    @TempDir
    Path dir;

    /** Pairs (scene k, views 0 and 1), every image the same orange with a white first pixel. */
    private static Batch orangePairs(int pairs) {
        int b = 2 * pairs;
        byte[] images = new byte[b * 3 * PLANE];
        int[] scenes = new int[b];
        int[] views = new int[b];
        List<CameraPose> poses = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int base = i * 3 * PLANE;
            Arrays.fill(images, base, base + PLANE, (byte) 230);
            Arrays.fill(images, base + PLANE, base + 2 * PLANE, (byte) 120);
            Arrays.fill(images, base + 2 * PLANE, base + 3 * PLANE, (byte) 20);
            for (int c = 0; c < 3; c++) {
                images[base + c * PLANE] = (byte) 255;
            }
            scenes[i] = i / 2;
            views[i] = i % 2;
            poses.add(new CameraPose(10 * i, 5));
        }
        return new Batch(b, SIZE, images, poses, scenes, views);
    }

    private static byte[] image(Batch batch, int i) {
        return Arrays.copyOfRange(batch.images(), i * 3 * PLANE, (i + 1) * 3 * PLANE);
    }

    @Test
    void bothImagesOfAPairShareOneTransformAndPairsDiffer() {
        Batch batch = orangePairs(8);
        byte[] original = batch.images().clone();
        Batch out = new ColourAugmentation(1, 42).apply(batch, 3);
        assertArrayEquals(original, batch.images(), "the input batch is not changed");
        assertEquals(batch.poses(), out.poses());
        assertArrayEquals(batch.scenes(), out.scenes());
        assertArrayEquals(batch.views(), out.views());
        Set<String> pairColours = new HashSet<>();
        for (int k = 0; k < 8; k++) {
            byte[] first = image(out, 2 * k);
            assertArrayEquals(first, image(out, 2 * k + 1), "pair " + k);
            for (int c = 0; c < 3; c++) {
                assertEquals((byte) 255, first[c * PLANE], "the white pixel stays white");
            }
            pairColours.add((first[1] & 0xFF) + "," + (first[PLANE + 1] & 0xFF) + "," + (first[2 * PLANE + 1] & 0xFF));
        }
        assertEquals(8, pairColours.size(), "every pair gets its own colour: " + pairColours);
        assertFalse(pairColours.contains("230,120,20"));
    }

    @Test
    void aPairsTransformDependsOnlyOnSeedEpochAndItsFirstImage() {
        ColourAugmentation a = new ColourAugmentation(1, 7);
        ViewIndex first = new ViewIndex(5, 2);
        ColourTransform t = a.draw(4, first);
        assertNotNull(t);
        assertEquals(t, new ColourAugmentation(1, 7).draw(4, first));
        assertNotEquals(t, a.draw(5, first));
        assertNotEquals(t, new ColourAugmentation(1, 8).draw(4, first));
        assertNotEquals(t, a.draw(4, new ViewIndex(5, 3)));
        assertTrue(t.saturation() >= ColourAugmentation.MIN_SATURATION
                && t.saturation() <= ColourAugmentation.MAX_SATURATION, t.toString());
        assertTrue(t.angle() >= 0 && t.angle() < 2 * Math.PI, t.toString());
        // where the pair sits in its batch does not matter
        Batch batch = orangePairs(3);
        Batch shifted = new Batch(2, SIZE, Arrays.copyOfRange(batch.images(), 4 * 3 * PLANE, 6 * 3 * PLANE),
                batch.poses().subList(4, 6), new int[] {2, 2}, new int[] {0, 1});
        assertArrayEquals(image(a.apply(batch, 0), 4), image(a.apply(shifted, 0), 0));
    }

    @Test
    void theProbabilityIsTheShareOfPairsRecolouredAndKeepsTheirTransforms() {
        ColourAugmentation half = new ColourAugmentation(0.5, 1);
        ColourAugmentation always = new ColourAugmentation(1, 1);
        int recoloured = 0;
        for (int s = 0; s < 2000; s++) {
            ColourTransform t = half.draw(0, new ViewIndex(s, 0));
            if (t != null) {
                recoloured++;
                assertEquals(always.draw(0, new ViewIndex(s, 0)), t);
            }
        }
        assertTrue(recoloured > 900 && recoloured < 1100, "recoloured " + recoloured + " of 2000");
        assertNull(new ColourAugmentation(0, 1).draw(0, new ViewIndex(0, 0)));
    }

    @Test
    void probabilityZeroLeavesLoadedBatchesBitIdentical() {
        TestDatasets.write(dir, 3, 4, 8);
        SceneDataset ds = SceneDataset.open(dir, new ReaderOptions(8, 8, PoseReading.DEFAULT, false));
        ImageStore store = ImageStore.create(ds);
        PairSampler sampler = PairSampler.forDataset(ds, 4, 9);
        ColourAugmentation off = new ColourAugmentation(0, 9);
        Batch one = new BatchAssembler(store).assemble(sampler.batches(0).get(0));
        assertSame(one, off.apply(one, 0));
        List<Batch> plain = load(store, sampler, new ColourAugmentation(0, 9), 2);
        List<Batch> today = load(store, sampler, null, 2);
        assertEquals(today.size(), plain.size());
        for (int i = 0; i < today.size(); i++) {
            assertArrayEquals(today.get(i).images(), plain.get(i).images());
            assertEquals(today.get(i).poses(), plain.get(i).poses());
        }
        // and the loader does apply a transform it is given, on every batch
        List<Batch> coloured = load(store, sampler, new ColourAugmentation(1, 9), 2);
        for (int i = 0; i < today.size(); i++) {
            assertArrayEquals(new ColourAugmentation(1, 9).apply(today.get(i), 2).images(), coloured.get(i).images());
            assertFalse(Arrays.equals(today.get(i).images(), coloured.get(i).images()));
        }
    }

    @Test
    void refusesProbabilitiesOutsideTheUnitIntervalAndOddBatches() {
        assertThrows(IllegalArgumentException.class, () -> new ColourAugmentation(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ColourAugmentation(1.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ColourAugmentation(Double.NaN, 0));
        Batch odd = new Batch(1, SIZE, new byte[3 * PLANE], List.of(new CameraPose(0, 0)), new int[1], new int[1]);
        assertThrows(IllegalArgumentException.class, () -> new ColourAugmentation(1, 0).apply(odd, 0));
    }

    /** The epoch's batches through a loader with {@code augmentation}, or through the plain loader when null. */
    private static List<Batch> load(ImageStore store, PairSampler sampler, ColourAugmentation augmentation, long epoch) {
        List<Batch> out = new ArrayList<>();
        try (BatchLoader loader = augmentation == null ? new BatchLoader(store, sampler.batches(epoch), 2)
                : new BatchLoader(store, sampler.batches(epoch), 2, augmentation.forEpoch(epoch))) {
            loader.forEachRemaining(out::add);
        }
        return out;
    }
}
