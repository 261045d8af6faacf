package enr4j.model;

import enr4j.torch.io.ModelFileException;
import enr4j.torch.io.SafeTensors;
import enr4j.torch.io.TorchCheckpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a saved model says about itself: the safetensors {@code __metadata__} of folders and zips, and the same
 * strings as a {@code "metadata"} dict beside {@code "config"} and {@code "state_dict"} in a {@code .pt} (the
 * reference's {@code load_model} ignores it). Keys: {@value #FORMAT} ({@value #FORMAT_VALUE}: tensors named and laid
 * out as the reference's PyTorch state_dict), {@value #VERSION}, {@value #CONFIG_HASH} (SHA-256 of
 * {@link ModelConfig#toJson} as compact JSON), then the known {@link ModelFacts}.
 */
public final class ModelMetadata {
    public static final String FORMAT = "format";
    public static final String FORMAT_VALUE = "pt";
    public static final String VERSION = "enr4j_version";
    public static final String CONFIG_HASH = "config_sha256";
    /** The checkpoint's key for the metadata dict. */
    public static final String CHECKPOINT_KEY = "metadata";

    private ModelMetadata() {}

    /** The metadata written with a model of {@code config}. */
    static Map<String, String> of(ModelConfig config, ModelFacts facts) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT, FORMAT_VALUE);
        m.put(VERSION, Enr4jVersion.current());
        m.put(CONFIG_HASH, configHash(config));
        m.putAll(facts.toMetadata());
        return m;
    }

    /** SHA-256 (lowercase hex) of the config's compact JSON, e.g. {@code {"img_shape":[3,128,128],...}}. */
    public static String configHash(ModelConfig config) {
        try {
            byte[] json = config.toJson().toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The facts a saved model records (none for models saved without them, e.g. by PyTorch). */
    public static ModelFacts facts(Path path) {
        return ModelFacts.fromMetadata(read(path), path.toString());
    }

    /**
     * The metadata of a saved model, empty when it has none. Folders and zips: only the safetensors header is
     * read; a checkpoint is read whole.
     *
     * @throws ModelFileException naming the file when it is missing or unreadable
     */
    public static Map<String, String> read(Path path) {
        if (!Files.exists(path)) {
            throw new ModelFileException(path + ": no such file or directory");
        }
        return switch (ModelFormat.ofExisting(path)) {
            case FOLDER -> readFolder(path.resolve(ModelFiles.WEIGHTS_FILE));
            case ZIP -> readZip(path);
            case CHECKPOINT -> readCheckpoint(path);
        };
    }

    private static Map<String, String> readFolder(Path weights) {
        try (InputStream in = Files.newInputStream(weights)) {
            return SafeTensors.readMetadata(in, weights.toString());
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + weights + ": " + e.getMessage());
        }
    }

    private static Map<String, String> readZip(Path path) {
        String source = path + "!/" + ModelFiles.WEIGHTS_FILE;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry entry = zip.getEntry(ModelFiles.WEIGHTS_FILE);
            if (entry == null) {
                throw new ModelFileException(path + ": a model zip needs " + ModelFiles.WEIGHTS_FILE);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return SafeTensors.readMetadata(in, source);
            }
        } catch (IOException e) {
            throw new ModelFileException(path + ": not a readable zip (" + e.getMessage() + ")");
        }
    }

    private static Map<String, String> readCheckpoint(Path path) {
        Object tree = TorchCheckpoints.read(path);
        Object meta = tree instanceof Map<?, ?> map ? map.get(CHECKPOINT_KEY) : null;
        if (meta == null) {
            return Map.of();
        }
        if (!(meta instanceof Map<?, ?> entries)) {
            throw new ModelFileException(path + ": '" + CHECKPOINT_KEY + "' is not a dict");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof String value)) {
                throw new ModelFileException(path + ": '" + CHECKPOINT_KEY + "' entry '" + e.getKey()
                        + "' is not a string pair");
            }
            out.put(key, value);
        }
        return out;
    }
}
