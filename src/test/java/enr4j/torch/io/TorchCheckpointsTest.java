package enr4j.torch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class TorchCheckpointsTest {
    @TempDir
    Path dir;

    private static Map<String, Object> checkpoint() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("img_shape", List.of(3L, 64L, 64L));
        config.put("name", "chairs");
        config.put("lr", 2e-4);
        config.put("use_bn", true);
        config.put("freeze", false);
        config.put("nothing", null);
        config.put("big", 1L << 40);
        config.put("negative", -70000L);
        config.put("nested", new LinkedHashMap<>(Map.of("channels", List.of(64L, 32L), "eps", 1e-8)));
        Random rnd = new Random(11);
        OrderedDictMap state = new OrderedDictMap();
        state.put("inv_transform.weight", SafeTensorsTest.randomTensor(DType.FLOAT32, rnd, 4, 3, 3, 3));
        state.put("inv_transform.bias", SafeTensorsTest.randomTensor(DType.FLOAT32, rnd, 4));
        state.put("scale", RawTensor.ofFloats(new long[0], 0.5f));
        state.put("empty", new RawTensor(DType.FLOAT32, new long[] {0, 3}, new byte[0]));
        state.put("half", SafeTensorsTest.randomTensor(DType.BFLOAT16, rnd, 2, 2));
        state.put("count", SafeTensorsTest.randomTensor(DType.INT64, rnd, 1));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("config", config);
        tree.put("state_dict", state);
        return tree;
    }

    @Test
    void writeThenReadIsBitExactAndKeepsDictKinds() {
        Path file = dir.resolve("model.pt");
        Map<String, Object> tree = checkpoint();
        TorchCheckpoints.write(file, tree);
        Object read = TorchCheckpoints.read(file);
        assertEquals(tree, read);
        Map<?, ?> top = (Map<?, ?>) read;
        assertFalse(top instanceof OrderedDictMap);
        assertFalse(top.get("config") instanceof OrderedDictMap);
        OrderedDictMap state = assertInstanceOf(OrderedDictMap.class, top.get("state_dict"));
        assertEquals(List.copyOf(((Map<?, ?>) tree.get("state_dict")).keySet()), List.copyOf(state.keySet()));
    }

    @Test
    void writesPyTorchRecordsStoredAndSixtyFourByteAligned() throws IOException {
        Path file = dir.resolve("layout.pt");
        Map<String, Object> tree = checkpoint();
        TorchCheckpoints.write(file, tree);
        byte[] zip = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        List<String> names = new ArrayList<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        int offset = 0;
        while (buf.getInt(offset) == 0x04034b50) { // local file headers, in file order
            assertEquals(0, buf.getShort(offset + 8), "STORED");
            int size = buf.getInt(offset + 18);
            int nameLength = buf.getShort(offset + 26);
            int extraLength = buf.getShort(offset + 28);
            String name = new String(zip, offset + 30, nameLength, StandardCharsets.UTF_8);
            int dataStart = offset + 30 + nameLength + extraLength;
            assertEquals(0, dataStart % 64, name + " data at " + dataStart);
            names.add(name);
            contents.put(name, Arrays.copyOfRange(zip, dataStart, dataStart + size));
            offset = dataStart + size;
        }
        assertEquals(List.of("archive/data.pkl", "archive/.format_version", "archive/.storage_alignment",
                "archive/byteorder", "archive/data/0", "archive/data/1", "archive/data/2", "archive/data/3",
                "archive/data/4", "archive/data/5", "archive/version", "archive/.data/serialization_id"), names);
        assertEquals("little", new String(contents.get("archive/byteorder"), StandardCharsets.US_ASCII));
        assertEquals("3\n", new String(contents.get("archive/version"), StandardCharsets.US_ASCII));
        assertEquals("64", new String(contents.get("archive/.storage_alignment"), StandardCharsets.US_ASCII));
        RawTensor bias = (RawTensor) ((Map<?, ?>) tree.get("state_dict")).get("inv_transform.bias");
        assertArrayEquals(bias.data(), contents.get("archive/data/1"));
        assertEquals(0x80, contents.get("archive/data.pkl")[0] & 0xff);
        assertEquals(2, contents.get("archive/data.pkl")[1], "pickle protocol 2");
    }

    @Test
    void rejectsValuesPythonCannotRepresent() {
        Path file = dir.resolve("bad.pt");
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> TorchCheckpoints.write(file, Map.of("config", Map.of("when", new Object()))));
        assertTrue(e.getMessage().contains("'config.when'"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    private static Path resource(String name) {
        try {
            return Path.of(TorchCheckpointsTest.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fixture made by src/tools/python/make_io_fixtures.py: Python's own pickler, one shared storage. */
    private static void assertPythonFixtureTree(Object read) {
        Map<?, ?> top = (Map<?, ?>) read;
        Map<?, ?> config = (Map<?, ?>) top.get("config");
        assertEquals(List.of(3L, 64L, 64L), config.get("img_shape"));
        assertEquals(2e-4, config.get("lr"));
        assertEquals("chairs", config.get("name"));
        assertEquals(true, config.get("use_bn"));
        assertTrue(config.containsKey("none") && config.get("none") == null);
        assertEquals(1L << 40, config.get("big"));
        assertEquals(-7L, config.get("neg"));
        OrderedDictMap state = assertInstanceOf(OrderedDictMap.class, top.get("state_dict"));
        assertEquals(List.of("weight", "weight_t", "row_slice", "steps"), List.copyOf(state.keySet()));
        RawTensor weight = (RawTensor) state.get("weight");
        assertArrayEquals(new long[] {3, 4}, weight.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, weight.toFloatArray());
        RawTensor transposed = (RawTensor) state.get("weight_t");
        assertArrayEquals(new long[] {4, 3}, transposed.shape());
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, transposed.toFloatArray());
        RawTensor slice = (RawTensor) state.get("row_slice");
        assertArrayEquals(new float[] {5, 7, 9, 11}, slice.toFloatArray());
        RawTensor steps = (RawTensor) state.get("steps");
        assertEquals(DType.INT64, steps.dtype());
        assertArrayEquals(new long[0], steps.shape());
        assertEquals(123456789012L, steps.buffer().getLong());
    }

    @Test
    void readsPythonPickledZipWithStridedViewsOfOneStorage() {
        assertPythonFixtureTree(TorchCheckpoints.read(resource("python_pickled.pt")));
    }

    @Test
    void readsLegacyFormat() {
        assertPythonFixtureTree(TorchCheckpoints.read(resource("legacy_format.pt")));
    }

    @Test
    void readsBackWhatJavaWritesForPythonFixtureContent() {
        Object original = TorchCheckpoints.read(resource("legacy_format.pt"));
        Path file = dir.resolve("rewritten.pt");
        TorchCheckpoints.write(file, original);
        assertEquals(original, TorchCheckpoints.read(file));
    }

    /** java_written.pt is PtInteropTool's sample as checked with PyTorch 2.11; the writer must stay byte-stable. */
    @Test
    void writerOutputIsDeterministicAndMatchesTheCheckedGoldenFile() throws IOException {
        Path file = dir.resolve("sample.pt");
        TorchCheckpoints.write(file, PtInteropTool.sampleCheckpoint());
        assertArrayEquals(Files.readAllBytes(resource("java_written.pt")), Files.readAllBytes(file));
    }

    /**
     * Files written by real PyTorch 2.11 {@code torch.save} (src/tools/python/check_pt_interop.py save / save-legacy);
     * the digest is what that script printed for conv.weight.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pytorch_2_11_saved.pt", "pytorch_2_11_saved_legacy.pt"})
    void readsFilesSavedByPyTorch(String name) throws NoSuchAlgorithmException {
        Map<?, ?> top = (Map<?, ?>) TorchCheckpoints.read(resource(name));
        assertEquals("python", ((Map<?, ?>) top.get("config")).get("name"));
        OrderedDictMap state = assertInstanceOf(OrderedDictMap.class, top.get("state_dict"));
        RawTensor weight = (RawTensor) state.get("conv.weight");
        assertArrayEquals(new long[] {4, 3, 3, 3}, weight.shape());
        assertEquals("b0249319b24637f6b0893abf1e492713a590bd158cd1f3615e6efdbdf43b111c",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weight.data())));
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11},
                ((RawTensor) state.get("shared_t")).toFloatArray());
        assertArrayEquals(new float[] {4, 6, 8, 10}, ((RawTensor) state.get("slice")).toFloatArray());
        RawTensor steps = (RawTensor) state.get("bn.num_batches_tracked");
        assertEquals(DType.INT64, steps.dtype());
        assertEquals(0, steps.rank());
        assertEquals(DType.BFLOAT16, ((RawTensor) state.get("bf16")).dtype());
    }
}
