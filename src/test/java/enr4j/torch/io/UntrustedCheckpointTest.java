package enr4j.torch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and damaged checkpoints must fail with a one-line {@link ModelFileException}, running nothing. */
@Tag("fast")
class UntrustedCheckpointTest {
    @TempDir
    Path dir;

    private Path zipCheckpoint(String name, byte[] dataPkl, Map<String, byte[]> storages) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); AlignedZipWriter zip = new AlignedZipWriter(out)) {
            zip.add("evil/data.pkl", dataPkl);
            for (Map.Entry<String, byte[]> e : storages.entrySet()) {
                zip.add("evil/data/" + e.getKey(), e.getValue());
            }
            zip.add("evil/version", "3\n");
        }
        return file;
    }

    /** {@code os.system("touch pwned")} as protocol 2 pickles it. */
    private static byte[] callPickle(String module, String name) {
        PickleWriter p = new PickleWriter();
        p.global(module, name);
        p.mark();
        p.string("touch pwned");
        p.tupleFromMark();
        p.reduce();
        return p.finish();
    }

    private static String errorOf(Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> TorchCheckpoints.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one-line message: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void refusesOsSystemGlobal() throws IOException {
        Path file = zipCheckpoint("os.pt", callPickle("os", "system"), Map.of());
        assertEquals("refusing to load os.system from " + file + ": not a tensor checkpoint", errorOf(file));
        assertFalse(Files.exists(Path.of("pwned")));
    }

    @Test
    void refusesBuiltinsEvalThroughStackGlobal() throws IOException {
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.writeBytes(new byte[] {(byte) 0x80, 4});
        for (String s : new String[] {"builtins", "eval"}) {
            pkl.write(0x8c); // SHORT_BINUNICODE
            pkl.write(s.length());
            pkl.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }
        pkl.write(0x93); // STACK_GLOBAL
        pkl.writeBytes(new byte[] {(byte) 0x8c, 1, '1', (byte) 0x85, 'R', '.'}); // ("1",) REDUCE STOP
        Path file = zipCheckpoint("eval.pt", pkl.toByteArray(), Map.of());
        assertTrue(errorOf(file).startsWith("refusing to load builtins.eval from "));
    }

    @Test
    void refusesCodeInLegacyFormat() throws IOException {
        ByteArrayOutputStream legacy = new ByteArrayOutputStream();
        PickleWriter magic = new PickleWriter();
        magic.bigInteger(TorchLegacyReader.MAGIC);
        legacy.writeBytes(magic.finish());
        PickleWriter protocol = new PickleWriter();
        protocol.integer(1001);
        legacy.writeBytes(protocol.finish());
        PickleWriter info = new PickleWriter();
        info.emptyDict();
        legacy.writeBytes(info.finish());
        legacy.writeBytes(callPickle("posix", "system"));
        Path file = dir.resolve("legacy_evil.pt");
        Files.write(file, legacy.toByteArray());
        assertTrue(errorOf(file).startsWith("refusing to load posix.system from "));
    }

    @Test
    void truncatedZipIsReported() throws IOException {
        Path file = dir.resolve("cut.pt");
        TorchCheckpoints.write(file, Map.of("w", RawTensor.ofFloats(new long[] {64}, new float[64])));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(errorOf(file).startsWith("bad zip checkpoint "));
    }

    @Test
    void garbageAndEmptyFilesAreReported() throws IOException {
        Path empty = dir.resolve("empty.pt");
        Files.write(empty, new byte[0]);
        assertTrue(errorOf(empty).contains("neither a zip nor a legacy"));
        Path fakeZip = dir.resolve("fake.pt");
        Files.write(fakeZip, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        assertTrue(errorOf(fakeZip).startsWith("bad zip checkpoint "));
        assertTrue(errorOf(dir.resolve("missing.pt")).contains("no such file"));
    }

    private static byte[] tensorPickle(String key, long storageNumel, long offset, long[] size, long[] stride) {
        PickleWriter p = new PickleWriter();
        p.emptyDict();
        p.mark();
        p.string("w");
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.mark();
        p.mark();
        p.string("storage");
        p.global("torch", "FloatStorage");
        p.string(key);
        p.string("cpu");
        p.integer(storageNumel);
        p.tupleFromMark();
        p.persistentId();
        p.integer(offset);
        p.mark();
        for (long s : size) {
            p.integer(s);
        }
        p.tupleFromMark();
        p.mark();
        for (long s : stride) {
            p.integer(s);
        }
        p.tupleFromMark();
        p.tupleFromMark();
        p.reduce();
        p.setItems();
        return p.finish();
    }

    @Test
    void handCraftedStridedViewIsMaterialised() throws IOException {
        byte[] storage = RawTensor.ofFloats(new long[] {10}, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9).data();
        Path file = zipCheckpoint("view.pt", tensorPickle("0", 10, 1, new long[] {2, 2}, new long[] {1, 3}),
                Map.of("0", storage));
        RawTensor w = (RawTensor) ((Map<?, ?>) TorchCheckpoints.read(file)).get("w");
        assertTrue(Arrays.equals(new float[] {1, 4, 2, 5}, w.toFloatArray()), Arrays.toString(w.toFloatArray()));
    }

    @Test
    void viewOutsideItsStorageIsReported() throws IOException {
        byte[] storage = new byte[16];
        Path file = zipCheckpoint("oob.pt", tensorPickle("0", 4, 0, new long[] {3, 3}, new long[] {3, 1}),
                Map.of("0", storage));
        assertTrue(errorOf(file).contains("tensor 'w'"));
    }

    @Test
    void missingOrShortStorageRecordIsReported() throws IOException {
        byte[] pkl = tensorPickle("0", 4, 0, new long[] {4}, new long[] {1});
        assertTrue(errorOf(zipCheckpoint("none.pt", pkl, Map.of())).contains("evil/data/0 is missing"));
        assertTrue(errorOf(zipCheckpoint("short.pt", pkl, Map.of("0", new byte[8]))).contains("has 8 bytes, needs 16"));
    }

    @Test
    void truncatedPickleIsReported() throws IOException {
        byte[] pkl = tensorPickle("0", 4, 0, new long[] {4}, new long[] {1});
        Path file = zipCheckpoint("cutpkl.pt", Arrays.copyOf(pkl, pkl.length - 5), Map.of("0", new byte[16]));
        assertTrue(errorOf(file).contains("truncated"));
    }

    @Test
    void truncatedLegacyStorageIsReported() throws IOException {
        Path source = Path.of(getClass().getResource("legacy_format.pt").getPath());
        byte[] bytes = Files.readAllBytes(source);
        Path file = dir.resolve("legacy_cut.pt");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertTrue(errorOf(file).contains("truncated in the data of storage '1'"));
    }

    @Test
    void legacyElementCountMismatchIsReported() throws IOException {
        Path source = Path.of(getClass().getResource("legacy_format.pt").getPath());
        byte[] bytes = Files.readAllBytes(source);
        // the last storage is one int64: its 8-byte element count sits just before its 8 data bytes
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length - 16, 2);
        Path file = dir.resolve("legacy_count.pt");
        Files.write(file, bytes);
        assertTrue(errorOf(file).contains("storage '1' holds 2 elements, the pickle declares 1"));
    }
}
