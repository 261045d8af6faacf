package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class BatchLoaderTest {

    @TempDir
    Path dir;

    private static void assertBatchMatchesDataset(Batch batch, SceneDataset ds) {
        int plane = ds.imageSize() * ds.imageSize();
        for (int i = 0; i < batch.size(); i++) {
            int s = batch.scenes()[i];
            int v = batch.views()[i];
            int base = i * 3 * plane;
            assertEquals(TestDatasets.red(s), batch.images()[base] & 0xFF);
            assertEquals(TestDatasets.green(v), batch.images()[base + plane + plane - 1] & 0xFF);
            assertEquals(TestDatasets.BLUE, batch.images()[base + 2 * plane] & 0xFF);
            var pose = batch.poses().get(i);
            assertEquals((double) (float) TestDatasets.azimuth(s, v), pose.azimuth());
            assertEquals((double) (float) TestDatasets.elevation(s, v), pose.elevation());
            assertArrayEquals(new double[] {s, v, 0.5f},
                    new double[] {pose.translation().x(), pose.translation().y(), pose.translation().z()});
        }
    }

    @Test
    void yieldsEpochBatchesWithMatchingImagesAndParams() {
        TestDatasets.write(dir, 3, 4, 8);
        SceneDataset ds = SceneDataset.open(dir, new ReaderOptions(8, 8, PoseReading.DEFAULT, false));
        PairSampler sampler = PairSampler.forDataset(ds, 4, 9);
        for (ImageStore store : List.of(ImageStore.create(ds, Long.MAX_VALUE), ImageStore.create(ds, 0))) {
            Set<ViewIndex> seen = new HashSet<>();
            List<List<ViewIndex>> expected = sampler.batches(0);
            int k = 0;
            try (BatchLoader loader = BatchLoader.forEpoch(store, sampler, 0)) {
                while (loader.hasNext()) {
                    Batch batch = loader.next();
                    assertEquals(4, batch.size());
                    for (int i = 0; i < 4; i++) {
                        assertEquals(expected.get(k).get(i), batch.index(i));
                        seen.add(batch.index(i));
                    }
                    assertBatchMatchesDataset(batch, ds);
                    k++;
                }
            }
            assertEquals(3, k);
            assertEquals(12, seen.size());
        }
    }

    @Test
    void inMemoryAndCachingStoresServeIdenticalBytes() {
        TestDatasets.write(dir, 2, 2, 6);
        SceneDataset ds = SceneDataset.open(dir, new ReaderOptions(4, 6, PoseReading.DEFAULT, false));
        ImageStore memory = ImageStore.create(ds, Long.MAX_VALUE);
        ImageStore cached = ImageStore.create(ds, ds.imageBytes());
        assertTrue(memory.inMemory());
        assertFalse(cached.inMemory());
        for (int s = 0; s < 2; s++) {
            for (int v = 0; v < 2; v++) {
                byte[] a = new byte[ds.imageBytes()];
                byte[] b = new byte[ds.imageBytes()];
                memory.copyImage(s, v, a, 0);
                cached.copyImage(s, v, b, 0);
                assertArrayEquals(ds.decode(s, v), a);
                assertArrayEquals(a, b);
            }
        }
    }

    @Test
    void sceneBatchHoldsAllViewsInOrder() {
        TestDatasets.write(dir, 2, 5, 4);
        SceneDataset ds = SceneDataset.open(dir, new ReaderOptions(4, 4, PoseReading.DEFAULT, true));
        Batch batch = new BatchAssembler(ImageStore.create(ds)).scene(1);
        assertEquals(5, batch.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, batch.views());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, batch.scenes());
        assertBatchMatchesDataset(batch, ds);
    }

    @Test
    void workerFailureIsPropagatedWithFileName() throws Exception {
        TestDatasets.write(dir, 2, 2, 4);
        SceneDataset ds = SceneDataset.open(dir, ReaderOptions.training(4).withCropSize(4));
        Path bad = dir.resolve("scene_001/00000.png");
        Files.writeString(bad, "garbage");
        PairSampler sampler = PairSampler.forDataset(ds, 2, 0);
        BatchLoader loader = BatchLoader.forEpoch(ImageStore.create(ds, 0), sampler, 0);
        List<Batch> ok = new ArrayList<>();
        DatasetException e = assertThrows(DatasetException.class, () -> {
            while (loader.hasNext()) {
                ok.add(loader.next());
            }
        });
        assertTrue(e.getMessage().contains("batch loader failed"), e.getMessage());
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertTrue(ok.size() < 2);
        loader.close();
        assertFalse(loader.workerAlive());
    }

    @Test
    void closeStopsWorkerEarly() throws Exception {
        TestDatasets.write(dir, 4, 8, 4);
        SceneDataset ds = SceneDataset.open(dir, ReaderOptions.training(4).withCropSize(4));
        PairSampler sampler = PairSampler.forDataset(ds, 2, 0); // 16 batches, queue of 1
        BatchLoader loader = new BatchLoader(ImageStore.create(ds), sampler.batches(0), 1);
        assertInstanceOf(Batch.class, loader.next());
        loader.close();
        assertFalse(loader.workerAlive());
        assertThrows(IllegalStateException.class, loader::hasNext);
    }
}
