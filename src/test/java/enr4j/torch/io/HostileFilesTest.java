package enr4j.torch.io;

import static enr4j.torch.io.HostileFiles.checkpointPickle;
import static enr4j.torch.io.HostileFiles.config;
import static enr4j.torch.io.HostileFiles.modelZip;
import static enr4j.torch.io.HostileFiles.strideZeroTensors;
import static enr4j.torch.io.HostileFiles.writeSafetensors;
import static enr4j.torch.io.HostileFiles.zipCheckpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import enr4j.geometry.Interpolation;
import enr4j.io.JsonFileException;
import enr4j.model.ConfigException;
import enr4j.model.ModelConfig;
import enr4j.model.ModelFiles;
import enr4j.model.ModelPlan;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile and broken model files, generated here: each is refused with a one-line error naming the
 * file, in under 10 s and under 512 MiB of heap growth.
 */
@Tag("fast")
class HostileFilesTest {
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);
    private static final long HEAP_LIMIT = 512L << 20;
    private static final String TINY_CONFIG = TinyModels.tiny().toJson().toString();

    @TempDir
    Path dir;

    /** Runs {@code load}, which must throw one of the project's one-line errors within the limits. */
    private static String refused(Path file, Executable load) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Throwable thrown = assertTimeoutPreemptively(TIME_LIMIT, () -> {
            try {
                load.execute();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, file + " took longer than " + TIME_LIMIT);
        long growth = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before;
        if (thrown == null) {
            fail(file + " was accepted");
        }
        if (!(thrown instanceof ModelFileException || thrown instanceof ConfigException
                || thrown instanceof JsonFileException)) {
            throw new AssertionError(file + ": not a one-line refusal", thrown);
        }
        String message = thrown.getMessage();
        assertTrue(growth < HEAP_LIMIT, file + ": heap grew by " + (growth >> 20) + " MiB (" + message + ")");
        assertEquals(-1, message.indexOf('\n'), "one line: " + message);
        assertTrue(message.contains(file.getFileName().toString()), "names the file: " + message);
        return message;
    }

    private static String refusedByModelLoader(Path file) {
        return refused(file, () -> ModelFiles.load(file));
    }

    @Test
    void nestedSharedPairsCostOneStepPerLink() throws IOException {
        Path pairs = zipCheckpoint(dir.resolve("pairs.pt"), HostileFiles.nestedPairsPickle(60));
        assertTrue(refusedByModelLoader(pairs).contains("not a model checkpoint"));
        Object tree = assertTimeoutPreemptively(TIME_LIMIT, () -> TorchCheckpoints.read(pairs));
        assertEquals(2, ((List<?>) tree).size()); // shared as in the pickle, not 2^60 leaves

        byte[] asConfig = HostileFiles.nestedPairsConfigPickle(60);
        Path config = zipCheckpoint(dir.resolve("pairs_config.pt"), asConfig);
        assertTrue(refusedByModelLoader(config).contains("values or"), "a capped expansion");
        assertTrue(refused(config, () -> ModelFiles.readConfig(config)).contains("(config)"));

        ByteArrayOutputStream pid = new ByteArrayOutputStream();
        pid.writeBytes(new byte[] {(byte) 0x80, 2});
        HostileFiles.nestedPairs(pid, 60);
        pid.writeBytes(new byte[] {'Q', '.'}); // the nest as a persistent id: its message must stay short
        Path persistent = zipCheckpoint(dir.resolve("pairs_pid.pt"), pid.toByteArray());
        String m = refused(persistent, () -> TorchCheckpoints.read(persistent));
        assertTrue(m.length() < 400 && m.contains("persistent id"), m);
    }

    @Test
    void strideZeroViewsOfOneElementAreNotExpanded() throws IOException {
        Map<String, long[]> huge = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            huge.put("w" + i, new long[] {500_000_000L});
        }
        Path file = zipCheckpoint(dir.resolve("views.pt"),
                checkpointPickle(config(TinyModels.tiny()), strideZeroTensors(huge)));
        assertTrue(Files.size(file) < 4096);
        assertTrue(refusedByModelLoader(file).contains("unexpected tensor 'w0'"));
        String generic = refused(file, () -> TorchCheckpoints.read(file));
        assertTrue(generic.contains("tensor 'state_dict.w0' would need 1.9 GiB"), generic);
    }

    @Test
    void hugeArchitectureDeclaredInATinyFileIsRefusedBeforeBuildingIt() throws IOException {
        ModelConfig r = ModelConfig.reference();
        ModelConfig huge = new ModelConfig(r.imgShape(), r.channels2d(), r.strides2d(),
                List.of(4000, 4000, 128, 128, 128, 64, 64, 64), r.strides3d(), r.numChannelsInvProjection(),
                r.numChannelsProjection(), Interpolation.BILINEAR);
        Path file = zipCheckpoint(dir.resolve("huge.pt"),
                checkpointPickle(config(huge), strideZeroTensors(ModelPlan.of(huge).weightShapes())));
        assertTrue(refusedByModelLoader(file).contains("would need"));
        assertEquals(huge, ModelFiles.readConfig(file)); // what `enr info` shows, without weights
    }

    @Test
    void wrongShapeIsRefusedBeforeItsDataIsRead() throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>(ModelPlan.of(TinyModels.tiny()).weightShapes());
        shapes.put("transform_2d.forward_layers.0.weight", new long[] {100_000, 100_000});
        Path file = zipCheckpoint(dir.resolve("shape.pt"),
                checkpointPickle(config(TinyModels.tiny()), strideZeroTensors(shapes)));
        String m = refusedByModelLoader(file);
        assertTrue(m.contains("tensor 'transform_2d.forward_layers.0.weight' has shape [100000, 100000]"), m);
    }

    @Test
    void zipBombModelZipIsRefusedWithoutInflatingIt() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[67108864],\"data_offsets\":[0,268435456]}}";
        Path bomb = modelZip(dir.resolve("bomb.zip"), TINY_CONFIG, header, 256L << 20);
        assertTrue(Files.size(bomb) < 2 << 20, "a small zip: " + Files.size(bomb));
        String m = refusedByModelLoader(bomb);
        assertTrue(m.startsWith(bomb + "!/model.safetensors: unexpected tensor 'w'"), m);

        Path padded = modelZip(dir.resolve("padded.zip"), TINY_CONFIG, "{}", 256L << 20);
        String p = refusedByModelLoader(padded);
        assertTrue(p.contains("the data buffer holds 268435456 bytes, its tensors 0"), p);
    }

    @Test
    void zipWithThousandsOfEntriesIsRefusedUnread() throws IOException {
        Path file = dir.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < 5000; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.closeEntry();
            }
        }
        assertTrue(refusedByModelLoader(file).contains("5000 entries"));
        Path pt = dir.resolve("many.pt");
        Files.copy(file, pt);
        assertTrue(refused(pt, () -> TorchCheckpoints.read(pt)).contains("no <archive>/data.pkl"));
    }

    @Test
    void errorsInsideAZipNameTheEntry() throws IOException {
        String badKey = TINY_CONFIG.replace("\"channels_3d\":[8,8]", "\"channels_3d\":[8,\"x\"]");
        Path key = modelZip(dir.resolve("key.zip"), badKey, "{}", 0);
        String m = refusedByModelLoader(key);
        assertTrue(m.startsWith(key + "!/config.json: \"channels_3d\""), m);
        Path json = modelZip(dir.resolve("json.zip"), "{\"img_shape\": [3, 16, 16],}", "{}", 0);
        assertTrue(refusedByModelLoader(json).startsWith(json + "!/config.json: not valid JSON at line 1"));
        Path stride = modelZip(dir.resolve("stride.zip"), TINY_CONFIG.replace("\"strides_3d\":[1,1]",
                "\"strides_3d\":[1,3]"), "{}", 0);
        assertTrue(refusedByModelLoader(stride).startsWith(stride + "!/config.json: \"strides_3d\"[1] = 3"));
    }

    @Test
    void truncatedAndGarbageFilesAreRefused() throws IOException {
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        for (String name : List.of("model.pt", "model.zip", "dir")) {
            Path saved = dir.resolve(name);
            ModelFiles.save(model, saved);
            Path victim = name.equals("dir") ? saved.resolve(ModelFiles.WEIGHTS_FILE) : saved;
            byte[] bytes = Files.readAllBytes(victim);
            Files.write(victim, Arrays.copyOf(bytes, bytes.length / 2));
            refusedByModelLoader(saved);
        }
        Random random = new Random(14);
        for (String name : List.of("garbage.pt", "garbage.zip", "garbage.safetensors")) {
            byte[] junk = new byte[4096];
            random.nextBytes(junk);
            Path file = Files.write(dir.resolve(name), junk);
            refusedByModelLoader(file);
            junk[0] = (byte) 0x80; // looks like a legacy pickle
            junk[1] = 2;
            refusedByModelLoader(Files.write(dir.resolve("legacy_" + name), junk));
        }
        Path empty = Files.write(dir.resolve("empty.pt"), new byte[0]);
        refusedByModelLoader(empty);
    }

    @Test
    void safetensorsHeaderLiesAreRefused() throws IOException {
        Path hugeLength = dir.resolve("length.safetensors");
        try (OutputStream out = Files.newOutputStream(hugeLength)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
            out.write("{}".getBytes());
        }
        assertTrue(refused(hugeLength, () -> SafeTensors.read(hugeLength)).contains("header length 1099511627776"));
        Map<String, String> lies = Map.of(
                "outside.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,1600000000]}}",
                "negative.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-4],\"data_offsets\":[0,16]}}",
                "overflow.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],"
                        + "\"data_offsets\":[0,16]}}",
                "hole.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}",
                "overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}",
                "duplicate.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}");
        for (Map.Entry<String, String> lie : lies.entrySet()) {
            Path file = dir.resolve(lie.getKey());
            writeSafetensors(file, lie.getValue(), 16);
            refused(file, () -> SafeTensors.read(file));
            Path modelDir = Files.createDirectories(dir.resolve("dir_" + lie.getKey()));
            Files.writeString(modelDir.resolve(ModelFiles.CONFIG_FILE), TINY_CONFIG);
            Files.copy(file, modelDir.resolve(ModelFiles.WEIGHTS_FILE));
            refusedByModelLoader(modelDir);
        }
    }

    @Test
    void loadingAZipLeavesNoTemporaryFile() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = listing(tmp);
        Path good = dir.resolve("good.zip");
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        ModelFiles.save(model, good);
        assertEquals(ModelFiles.weights(model).keySet(), ModelFiles.weights(ModelFiles.load(good)).keySet());
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4194304],\"data_offsets\":[0,16777216]}}";
        refusedByModelLoader(modelZip(dir.resolve("bad.zip"), TINY_CONFIG, header, 16L << 20));
        Set<Path> created = listing(tmp);
        created.removeAll(before);
        assertEquals(Set.of(), created.stream().filter(p -> p.getFileName().toString().startsWith("enr"))
                .collect(Collectors.toSet()), "temporary files left in " + tmp);
        assertEquals(Set.of(dir.resolve("good.zip"), dir.resolve("bad.zip")), listing(dir), "nothing beside the zips");
    }

    private static Set<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.collect(Collectors.toSet());
        }
    }
}
