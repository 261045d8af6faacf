package enr4j.torch.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the object tree an unpickler built into the public result tree: {@link TensorRef}s become
 * {@link RawTensor}s (or {@link DeclaredTensor}s), tuples become mutable lists, and anything that is not plain
 * data is rejected.
 *
 * <p>A pickle can share one value many times (DUP, memo GET); every value is converted once and the result
 * shares it the same way, so a chain of pairs that would be exponential when written out costs one step per
 * link. A value that contains itself is refused.
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
    private final TensorAdmission admission;
    private final ReadBudget budget;
    private final Map<Object, Object> converted = new IdentityHashMap<>();
    private final Map<Object, Boolean> inProgress = new IdentityHashMap<>();

    private TensorTree(String file, StorageBytes storages, TensorAdmission admission, ReadBudget budget) {
        this.file = file;
        this.storages = storages;
        this.admission = admission;
        this.budget = budget;
    }

    /** The tree with every tensor as a {@link DeclaredTensor}; reads no tensor data. */
    static Object declare(Object tree, String file) {
        return new TensorTree(file, null, null, null).convert(tree, "", 0);
    }

    /**
     * The tree with every tensor materialised. {@code planner} sees the declared tree first and returns the
     * admission each tensor must pass before it is allocated.
     */
    static Object resolve(Object tree, String file, StorageBytes storages, ReadBudget budget,
                          Function<Object, TensorAdmission> planner) {
        TensorAdmission admission = planner.apply(declare(tree, file));
        return new TensorTree(file, storages, admission, budget).convert(tree, "", 0);
    }

    private Object convert(Object node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ModelFileException("bad checkpoint " + file + ": nesting deeper than " + MAX_DEPTH + " at '"
                    + path + "'");
        }
        if (node == null || node instanceof Long || node instanceof BigInteger || node instanceof Double
                || node instanceof String || node instanceof Boolean || node instanceof byte[]
                || node instanceof DType) {
            return node;
        }
        Object done = converted.get(node);
        if (done != null) {
            return done;
        }
        if (inProgress.put(node, Boolean.TRUE) != null) {
            throw new ModelFileException("bad checkpoint " + file + ": '" + path + "' contains itself");
        }
        Object out = convertNew(node, path, depth);
        inProgress.remove(node);
        converted.put(node, out);
        return out;
    }

    private Object convertNew(Object node, String path, int depth) {
        if (node instanceof TensorRef ref) {
            return tensor(ref, path);
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
                + PickleValues.describe(node) + " at '" + path + "'");
    }

    private Object tensor(TensorRef ref, String path) {
        DType dtype = ref.storage().dtype();
        if (storages == null) {
            return new DeclaredTensor(dtype, ref.size());
        }
        admission.admit(path, dtype, ref.size());
        try {
            budget.take(RawTensor.byteCount(dtype, ref.size()), "tensor '" + path + "'");
            return ref.materialize(storages.of(ref.storage()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelFileException("bad checkpoint " + file + ": tensor '" + path + "': " + e.getMessage());
        }
    }
}
