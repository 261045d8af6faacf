package enr4j.torch.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads and writes PyTorch {@code torch.save} checkpoints without running any pickled code.
 *
 * <p>The object tree on both sides uses: {@code Map<String, Object>} (a {@link java.util.LinkedHashMap} for a
 * Python dict, an {@link OrderedDictMap} for an OrderedDict), {@code List<Object>} (lists and tuples),
 * {@code Long}, {@code Double}, {@code String}, {@code Boolean}, {@code null}, {@link RawTensor}; reading may
 * also yield {@code byte[]}, a {@link java.math.BigInteger} for integers beyond 64 bits and a {@link DType} for
 * a pickled {@code torch.float32}-style dtype. Writing also accepts {@code Integer}, {@code Float} (widened to a
 * Python float: prefer {@code Double} for exact values) and other {@code Map}/{@code List} implementations.
 *
 * <p>A typical model checkpoint is {@code {"config": {...}, "state_dict": OrderedDictMap<name, RawTensor>}}.
 */
public final class TorchCheckpoints {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final int PICKLE_PROTO = 0x80;

    private TorchCheckpoints() {
    }

    /**
     * Reads a checkpoint in the zip format (PyTorch 1.6+) or the legacy format (PyTorch 1.5 and older).
     * Tensors come back contiguous whatever their saved strides; tensors that shared a storage are copies.
     * Bounded: see {@link ReadBudget} for the memory a file may claim.
     *
     * @throws ModelFileException if the file is missing, corrupt, too large for its size, or names a Python
     *     global outside the tensor allow-list
     */
    public static Object read(Path file) {
        return read(file, declared -> TensorAdmission.ANY);
    }

    /**
     * Reads a checkpoint, letting the caller refuse tensors before they are allocated.
     *
     * @param planner given the object tree with each tensor as a {@link DeclaredTensor} (no tensor data read
     *                yet), returns the admission each tensor must pass before it is read; may throw
     *                {@link ModelFileException} to refuse the whole file
     */
    public static Object read(Path file, Function<Object, TensorAdmission> planner) {
        return dispatch(file, planner);
    }

    /** The object tree with each tensor as a {@link DeclaredTensor}; reads no tensor data. */
    public static Object readDeclared(Path file) {
        return dispatch(file, null);
    }

    private static Object dispatch(Path file, Function<Object, TensorAdmission> planner) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e);
        }
        if (head.length == 4 && head[0] == ZIP_MAGIC[0] && head[1] == ZIP_MAGIC[1] && head[2] == ZIP_MAGIC[2]
                && head[3] == ZIP_MAGIC[3]) {
            return TorchZipReader.read(file, size, planner);
        }
        if (head.length > 0 && (head[0] & 0xff) == PICKLE_PROTO) {
            return TorchLegacyReader.read(file, size, planner);
        }
        throw new ModelFileException("cannot read " + file + ": neither a zip nor a legacy PyTorch checkpoint");
    }

    /**
     * Writes {@code tree} atomically in PyTorch's zip format; Python reads it with a plain {@code torch.load}.
     * See {@link TorchZipWriter} for the records written.
     *
     * @throws ModelFileException if the tree holds an unsupported value or the file cannot be written
     */
    public static void write(Path file, Object tree) {
        TorchZipWriter.write(file, tree);
    }
}
