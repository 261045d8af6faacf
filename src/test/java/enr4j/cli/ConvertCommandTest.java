package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import enr4j.eval.EvaluationReport;
import enr4j.eval.ReportFiles;
import enr4j.eval.SceneScore;
import enr4j.model.ModelFacts;
import enr4j.model.ModelFiles;
import enr4j.model.ModelMetadata;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Torch;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.SafeTensors;
import enr4j.torch.io.TorchCheckpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enr convert}: bit-exact round trips, metadata, the model card, overwriting and bad input. */
@Tag("fast")
class ConvertCommandTest {
    private static final ModelFacts FACTS = new ModelFacts("data/chairs/train", 1234L, null, null);

    @TempDir
    Path dir;
    NeuralRenderer model;
    Path folder;

    @BeforeEach
    void saveFolder() {
        Torch.seed(21);
        model = new NeuralRenderer(TinyModels.small());
        folder = dir.resolve("saved");
        ModelFiles.save(model, folder, FACTS);
    }

    private static CliTestSupport.Outcome convert(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "convert";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliTestSupport.run(all);
    }

    private static void assertConverted(CliTestSupport.Outcome r) {
        assertEquals(0, r.code(), r.out() + r.err());
    }

    private static void assertOneLineError(CliTestSupport.Outcome r, String... mentions) {
        assertEquals(1, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("enr: error: "), err);
        for (String m : mentions) {
            assertTrue(err.contains(m), "'" + m + "' in: " + err);
        }
    }

    private static byte[] bytes(Path file) throws Exception {
        return Files.readAllBytes(file);
    }

    private static byte[] entry(Path zip, String name) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    @Test
    void folderToPtToZipToFolderIsBitExact() throws Exception {
        Path pt = dir.resolve("m.pt");
        Path zip = dir.resolve("m.zip");
        Path back = dir.resolve("back");
        assertConverted(convert(folder.toString(), pt.toString()));
        assertConverted(convert(pt.toString(), zip.toString()));
        assertConverted(convert(zip.toString(), back.toString()));
        for (String file : List.of(ModelFiles.CONFIG_FILE, ModelFiles.WEIGHTS_FILE, ModelFiles.CARD_FILE)) {
            assertArrayEquals(bytes(folder.resolve(file)), bytes(back.resolve(file)), file);
            assertArrayEquals(bytes(folder.resolve(file)), entry(zip, file), "m.zip!/" + file);
        }
        // the .pt holds the same tensors, byte for byte, and the same config
        Map<?, ?> checkpoint = (Map<?, ?>) TorchCheckpoints.read(pt);
        Map<?, ?> stateDict = (Map<?, ?>) checkpoint.get("state_dict");
        Map<String, RawTensor> original = ModelFiles.weights(model);
        assertEquals(List.copyOf(original.keySet()), List.copyOf(stateDict.keySet()));
        for (Map.Entry<String, RawTensor> e : original.entrySet()) {
            RawTensor t = (RawTensor) stateDict.get(e.getKey());
            assertArrayEquals(e.getValue().shape(), t.shape(), e.getKey());
            assertArrayEquals(e.getValue().data(), t.data(), e.getKey());
        }
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(folder.resolve(ModelFiles.CONFIG_FILE).toFile()).toString(),
                json.writeValueAsString(checkpoint.get("config")));
    }

    @Test
    void metadataRecordsFormatVersionConfigHashAndFacts() throws Exception {
        Map<String, String> meta = SafeTensors.read(folder.resolve(ModelFiles.WEIGHTS_FILE)).metadata();
        assertEquals("pt", meta.get("format"));
        assertEquals(pomVersion(), meta.get("enr4j_version"));
        String compact = new ObjectMapper().readTree(folder.resolve(ModelFiles.CONFIG_FILE).toFile()).toString();
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(compact.getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(sha), meta.get("config_sha256"));
        assertEquals("data/chairs/train", meta.get("training_data"));
        assertEquals("1234", meta.get("training_steps"));

        Path pt = dir.resolve("m.pt");
        Path zip = dir.resolve("m.zip");
        assertConverted(convert(folder.toString(), pt.toString()));
        assertConverted(convert(folder.toString(), zip.toString()));
        for (Path p : List.of(folder, pt, zip)) {
            assertEquals(meta, ModelMetadata.read(p), p.toString());
            assertEquals(FACTS, ModelMetadata.facts(p), p.toString());
        }
    }

    @Test
    void anEvaluationOfTheInputAddsItsPsnr() throws Exception {
        Path report = dir.resolve("psnr.json");
        ReportFiles.write(EvaluationReport.of(folder.toString(), "data/chairs/test", 0, "cpu", "fp32",
                List.of(new SceneScore("a", 5, 21.5, 0.8), new SceneScore("b", 5, 22.25, 0.9)), 1.0), report);
        Path zip = dir.resolve("evaluated.zip");
        assertConverted(convert(folder.toString(), zip.toString(), "--evaluation", report.toString()));
        assertEquals(new ModelFacts("data/chairs/train", 1234L, 21.875, "data/chairs/test"), ModelMetadata.facts(zip));
        String card = new String(entry(zip, ModelFiles.CARD_FILE), StandardCharsets.UTF_8);
        assertTrue(card.contains("- mean PSNR: 21.88 dB on `data/chairs/test`"), card);

        Path other = dir.resolve("other.zip");
        ModelFiles.save(model, other);
        assertOneLineError(convert(other.toString(), dir.resolve("x.pt").toString(), "--evaluation", report.toString()),
                report.toString(), "not " + other);
    }

    @Test
    void theModelCardDescribesTheArchitectureAndOnlyKnownFacts() throws Exception {
        String card = Files.readString(folder.resolve(ModelFiles.CARD_FILE));
        assertTrue(card.contains("| input images | 3 x 32 x 32 |"), card);
        assertTrue(card.contains(String.format("| parameters | %,d |", model.parameterCount())), card);
        assertTrue(card.contains("| scene representation | " + model.sceneShape() + " ("), card);
        assertTrue(card.contains("| inverse 3D channels (strides) | 8 (1), 16 (2), 8 (-2) |"), card);
        assertTrue(card.contains("- data: `data/chairs/train`") && card.contains("- steps: 1,234"), card);
        assertFalse(card.contains("PSNR"), "no evaluation is known: " + card);

        Path bare = dir.resolve("bare.zip");
        ModelFiles.save(model, bare);
        String bareCard = new String(entry(bare, ModelFiles.CARD_FILE), StandardCharsets.UTF_8);
        assertTrue(bareCard.contains("| parameters |"), bareCard);
        assertFalse(bareCard.contains("## Training") || bareCard.contains("## Evaluation"), bareCard);
    }

    @Test
    void anExistingOutputIsKeptUnlessOverwriteReplacesIt() throws Exception {
        Path zip = dir.resolve("m.zip");
        assertConverted(convert(folder.toString(), zip.toString()));
        byte[] first = bytes(zip);
        Torch.seed(22);
        Path otherFolder = dir.resolve("other");
        ModelFiles.save(new NeuralRenderer(TinyModels.small()), otherFolder);
        assertOneLineError(convert(otherFolder.toString(), zip.toString()), zip.toString(), "--overwrite");
        assertArrayEquals(first, bytes(zip), "the refused conversion left the file as it was");

        assertConverted(convert(otherFolder.toString(), zip.toString(), "--overwrite"));
        assertArrayEquals(bytes(otherFolder.resolve(ModelFiles.WEIGHTS_FILE)), entry(zip, ModelFiles.WEIGHTS_FILE));
        assertConverted(convert(zip.toString(), folder.toString(), "--overwrite"));
        assertArrayEquals(bytes(otherFolder.resolve(ModelFiles.WEIGHTS_FILE)),
                bytes(folder.resolve(ModelFiles.WEIGHTS_FILE)));
        Path clash = Files.createDirectory(dir.resolve("clash.pt"));
        assertOneLineError(convert(zip.toString(), clash.toString(), "--overwrite"), clash.toString(), "folder");
        Files.delete(clash);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("m.zip", "other", "saved"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files or folders left");
        }
    }

    @Test
    void badInputGivesOneLineNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.zip");
        assertOneLineError(convert(missing.toString(), dir.resolve("o.pt").toString()), missing.toString());
        Path unknown = dir.resolve("weights.bin");
        Files.write(unknown, new byte[] {1, 2, 3});
        assertOneLineError(convert(unknown.toString(), dir.resolve("o.pt").toString()), unknown.toString(), "extension");
        Path badOut = dir.resolve("o.safetensors");
        assertOneLineError(convert(folder.toString(), badOut.toString()), badOut.toString(), "extension");
        Path corrupt = dir.resolve("corrupt.pt");
        Files.writeString(corrupt, "not a checkpoint");
        assertOneLineError(convert(corrupt.toString(), dir.resolve("o.zip").toString()), corrupt.toString());
        assertFalse(Files.exists(dir.resolve("o.pt")) || Files.exists(badOut) || Files.exists(dir.resolve("o.zip")));
    }

    /** The project version as the pom states it. */
    private static String pomVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>enr4j</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml names the project version");
        return m.group(1);
    }
}
