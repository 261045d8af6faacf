package enr4j.torch.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the object tree an unpickler built into the public result tree: {@link TensorRef}s become
 * {@link RawTensor}s, tuples become mutable lists, and anything that is not plain data is rejected.
 */
final class TensorTree {
    /** Supplies the whole record of a storage; called once per tensor, so implementations should cache. */
    @FunctionalInterface
    interface StorageBytes {
        byte[] of(StorageRef storage);
    }

    private static final int MAX_DEPTH = 256;

    private final String file;
    private final StorageBytes storages;

    private TensorTree(String file, StorageBytes storages) {
        this.file = file;
        this.storages = storages;
    }

    static Object resolve(Object tree, String file, StorageBytes storages) {
        return new TensorTree(file, storages).convert(tree, "", 0);
    }

    private Object convert(Object node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ModelFileException("bad checkpoint " + file + ": nesting deeper than " + MAX_DEPTH
                    + " (or a cycle) at '" + path + "'");
        }
        if (node == null || node instanceof Long || node instanceof BigInteger || node instanceof Double
                || node instanceof String || node instanceof Boolean || node instanceof byte[]
                || node instanceof DType) {
            return node;
        }
        if (node instanceof TensorRef ref) {
            try {
                return ref.materialize(storages.of(ref.storage()));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ModelFileException("bad checkpoint " + file + ": tensor '" + path + "': " + e.getMessage());
            }
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = map instanceof OrderedDictMap ? new OrderedDictMap() : new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = (String) e.getKey();
                out.put(key, convert(e.getValue(), path.isEmpty() ? key : path + "." + key, depth + 1));
            }
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(convert(list.get(i), path + "[" + i + "]", depth + 1));
            }
            return out;
        }
        throw new ModelFileException("bad checkpoint " + file + ": unsupported object "
                + RestrictedUnpickler.describe(node) + " at '" + path + "'");
    }
}
