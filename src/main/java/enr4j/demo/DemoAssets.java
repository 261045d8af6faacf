package enr4j.demo;

import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import enr4j.datagen.synth.Category;
import enr4j.datagen.synth.DatasetGenerator;
import enr4j.datagen.synth.GeneratorOptions;
import enr4j.geometry.CameraPose;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The demo's inputs. Bundled on the classpath under {@code /enr4j/demo/}: {@value #MODEL_RESOURCE} (a model zip, see
 * {@link ModelFiles}) and {@value #EXAMPLES_RESOURCE}, one {@code file.png,azimuth,elevation} line per example image
 * stored next to it ({@code #} comments allowed). Either may be absent; then the demo trains a model and renders its
 * own examples with the synthetic generator.
 */
public final class DemoAssets {
    public static final String MODEL_RESOURCE = "/enr4j/demo/model.zip";
    public static final String EXAMPLES_RESOURCE = "/enr4j/demo/examples.csv";
    /** The bundled model's card (data, training, scores); its {@code Summary:} line says it in one line. */
    public static final String CARD_RESOURCE = "/enr4j/demo/MODEL_CARD.md";
    /** Authors and licences of the real chairs behind the bundled model and examples. */
    public static final String CREDITS_RESOURCE = "/enr4j/demo/CREDITS.md";
    private static final String SUMMARY = "Summary:";
    private static final String FOLDER = "/enr4j/demo/";

    private DemoAssets() {}

    /** The bundled pretrained model, if this build has one. */
    public static Optional<NeuralRenderer> bundledModel() {
        try (InputStream in = DemoAssets.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Path temp = Files.createTempFile("enr-demo-model", ".zip");
            try {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(ModelFiles.load(temp));
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled demo model: " + e.getMessage(), e);
        }
    }

    /**
     * Copies the bundled model's card and credits into {@code folder}.
     *
     * @return the card's one-line summary and where the card now is; empty when this build bundles no card
     */
    public static Optional<Card> copyCard(Path folder) {
        try (InputStream card = DemoAssets.class.getResourceAsStream(CARD_RESOURCE);
                InputStream credits = DemoAssets.class.getResourceAsStream(CREDITS_RESOURCE)) {
            if (card == null) {
                return Optional.empty();
            }
            Files.createDirectories(folder);
            byte[] text = card.readAllBytes();
            Path cardFile = folder.resolve("MODEL_CARD.md");
            Files.write(cardFile, text);
            if (credits != null) {
                Files.copy(credits, folder.resolve("CREDITS.md"), StandardCopyOption.REPLACE_EXISTING);
            }
            String summary = new String(text, StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> l.startsWith(SUMMARY)).map(l -> l.substring(SUMMARY.length()).strip()).findFirst()
                    .orElseThrow(() -> new IllegalStateException(CARD_RESOURCE + ": no '" + SUMMARY + "' line"));
            return Optional.of(new Card(summary, cardFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundled model card: " + e.getMessage(), e);
        }
    }

    /**
     * The bundled model's card, copied out for the user.
     *
     * @param summary what the model is and how well it does, in one line
     * @param file    the copied card
     */
    public record Card(String summary, Path file) {}

    /** The bundled example images, empty when none are bundled. */
    public static List<DemoExample> bundledExamples() {
        try (InputStream in = DemoAssets.class.getResourceAsStream(EXAMPLES_RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            List<DemoExample> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",");
                if (parts.length != 3) {
                    throw new IllegalStateException(EXAMPLES_RESOURCE + " line " + number
                            + ": expected file.png,azimuth,elevation, got '" + line + "'");
                }
                String file = parts[0].strip();
                out.add(new DemoExample(file.replaceFirst("\\.png$", ""), readImage(FOLDER + file),
                        new CameraPose(Double.parseDouble(parts[1].strip()), Double.parseDouble(parts[2].strip()))));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + EXAMPLES_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage readImage(String resource) throws IOException {
        try (InputStream in = DemoAssets.class.getResourceAsStream(resource)) {
            BufferedImage image = in == null ? null : ImageIO.read(in);
            if (image == null) {
                throw new IllegalStateException(resource + ": missing or not an image");
            }
            return image;
        }
    }

    /**
     * Renders {@code count} unseen chairs with the synthetic generator (one random view each) into {@code folder}.
     *
     * @param size image side in pixels
     * @param seed generator seed (use one the training set did not use)
     */
    public static List<DemoExample> generatedExamples(int count, int size, long seed, Path folder) {
        GeneratorOptions options = GeneratorOptions.builder(Category.CHAIRS).scenes(count, 0, 0).views(2).size(size)
                .supersampling(3).seed(seed).elevationRange(10, 30).build();
        DatasetGenerator.generate(options, folder);
        SceneDataset set = SceneDataset.open(folder.resolve("train"), ReaderOptions.evaluation(size).withCropSize(size));
        List<DemoExample> out = new ArrayList<>();
        for (int s = 0; s < set.sceneCount(); s++) {
            CameraPose view = set.pose(s, 0);
            BufferedImage image;
            try {
                image = ImageIO.read(set.imageFile(s, 0).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(set.imageFile(s, 0) + ": " + e.getMessage(), e);
            }
            out.add(new DemoExample("chair" + (s + 1), image, new CameraPose(view.azimuth(), view.elevation())));
        }
        return out;
    }
}
