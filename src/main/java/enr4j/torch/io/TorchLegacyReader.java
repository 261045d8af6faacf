package enr4j.torch.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a checkpoint in the legacy format of {@code torch.save} before PyTorch 1.6 (the reference's published
 * models). Byte layout, all pickles back to back:
 * <ol>
 *   <li>pickle of the magic number {@code 0x1950a86a20f9469cfc6c};</li>
 *   <li>pickle of the protocol version {@code 1001};</li>
 *   <li>pickle of a system-info dict ({@code little_endian}, {@code type_sizes}, ...);</li>
 *   <li>the object pickle, whose persistent ids are
 *       {@code ('storage', storage_type, root_key, location, root_numel, view_metadata)} with
 *       {@code view_metadata} either None or {@code (view_key, element_offset, view_numel)};</li>
 *   <li>pickle of the list of root keys;</li>
 *   <li>for each key in that order: an 8-byte little-endian element count, then the storage bytes.</li>
 * </ol>
 */
final class TorchLegacyReader {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private final Path file;
    private final ReadBudget budget;
    private final Map<String, StorageRef> roots = new HashMap<>();
    private final Map<String, byte[]> rootBytes = new HashMap<>();

    private TorchLegacyReader(Path file, long fileBytes) {
        this.file = file;
        this.budget = new ReadBudget(file.toString(), fileBytes);
    }

    /** @param planner as for {@link TensorTree#resolve}; null: return the declared tree without tensor data */
    static Object read(Path file, long fileBytes, Function<Object, TensorAdmission> planner) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return new TorchLegacyReader(file, fileBytes).read(in, planner);
        } catch (IOException e) {
            throw new ModelFileException("bad legacy checkpoint " + file + ": " + e);
        }
    }

    private Object read(InputStream in, Function<Object, TensorAdmission> planner) throws IOException {
        RestrictedUnpickler.Globals noGlobals = TorchPickleGlobals.none(file.toString());
        Object magic = plainPickle(in, "magic number", noGlobals);
        if (!(magic instanceof BigInteger m) || !m.equals(MAGIC)) {
            throw fail("magic number missing: not a PyTorch checkpoint");
        }
        Object protocol = plainPickle(in, "protocol version", noGlobals);
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw fail("unsupported protocol version " + protocol);
        }
        if (plainPickle(in, "system info", noGlobals) instanceof Map<?, ?> info
                && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw fail("saved on a big-endian machine; only little-endian is supported");
        }
        Object tree = new RestrictedUnpickler(in, file + " (object pickle)", new TorchPickleGlobals(file.toString()),
                this::storageFor).load();
        if (planner == null) {
            return TensorTree.declare(tree, file.toString());
        }
        TensorAdmission admission = planner.apply(TensorTree.declare(tree, file.toString()));
        Object keys = plainPickle(in, "storage key list", noGlobals);
        if (!(keys instanceof List<?> keyList)) {
            throw fail("storage key list is " + PickleValues.describe(keys));
        }
        DataInputStream data = new DataInputStream(in);
        for (Object key : keyList) {
            readStorage(data, String.valueOf(key));
        }
        return TensorTree.resolve(tree, file.toString(), ref -> {
            byte[] bytes = rootBytes.get(ref.key());
            if (bytes == null) {
                throw new IllegalArgumentException("storage '" + ref.key() + "' is not in the storage key list");
            }
            return bytes;
        }, budget, declared -> admission);
    }

    private Object plainPickle(InputStream in, String what, RestrictedUnpickler.Globals globals) {
        return new RestrictedUnpickler(in, file + " (" + what + ")", globals,
                RestrictedUnpickler.NO_PERSISTENT_IDS).load();
    }

    private Object storageFor(Object pid) {
        if (!(pid instanceof List<?> id) || id.size() != 6 || !"storage".equals(id.get(0))
                || !(id.get(1) instanceof StorageType type) || !(id.get(2) instanceof String rootKey)
                || !(id.get(4) instanceof Long rootNumel) || rootNumel < 0) {
            throw new IllegalArgumentException("persistent id " + PickleValues.preview(pid)
                    + " is not ('storage', type, root_key, location, numel, view_metadata)");
        }
        StorageRef root = new StorageRef(rootKey, type.dtype(), 0, rootNumel);
        StorageRef previous = roots.putIfAbsent(rootKey, root);
        if (previous != null && !previous.equals(root)) {
            throw new IllegalArgumentException("storage '" + rootKey + "' declared as both " + previous + " and " + root);
        }
        Object view = id.get(5);
        if (view == null) {
            return root;
        }
        if (!(view instanceof List<?> v) || v.size() != 3 || !(v.get(1) instanceof Long offset)
                || !(v.get(2) instanceof Long numel) || offset < 0 || numel < 0 || offset + numel > rootNumel) {
            throw new IllegalArgumentException("storage view " + PickleValues.preview(view) + " does not lie within '" + rootKey + "'");
        }
        return new StorageRef(rootKey, type.dtype(), offset, numel);
    }

    private void readStorage(DataInputStream in, String key) throws IOException {
        StorageRef root = roots.get(key);
        if (root == null) {
            throw fail("storage '" + key + "' in the key list is not used by the object pickle");
        }
        byte[] countBytes = new byte[8];
        long count;
        byte[] bytes;
        try {
            in.readFully(countBytes);
            count = ByteBuffer.wrap(countBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (count != root.numel()) {
                throw fail("storage '" + key + "' holds " + count + " elements, the pickle declares " + root.numel());
            }
            long size = Math.multiplyExact(count, (long) root.dtype().byteSize());
            if (size > Integer.MAX_VALUE - 8) {
                throw fail("storage '" + key + "' is too large for one Java array");
            }
            budget.take(size, "storage '" + key + "'");
            bytes = in.readNBytes((int) size);
            if (bytes.length < size) {
                throw new EOFException();
            }
        } catch (EOFException e) {
            throw fail("truncated in the data of storage '" + key + "'");
        }
        rootBytes.put(key, bytes);
    }

    private ModelFileException fail(String problem) {
        return new ModelFileException("bad legacy checkpoint " + file + ": " + problem);
    }
}
