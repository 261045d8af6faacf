package enr4j.torch.io;

import enr4j.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes an object tree as a {@code torch.save}-style zip checkpoint that Python's {@code torch.load} accepts
 * with {@code weights_only=True}.
 *
 * <p>Records, in this order, all under {@code archive/}, stored uncompressed, data 64-byte aligned:
 * {@code data.pkl} (protocol 2 pickle), {@code .format_version} ("1"), {@code .storage_alignment} ("64"),
 * {@code byteorder} ("little"), {@code data/0}, {@code data/1}, ... (one storage per tensor, in the order the
 * tensors appear in the tree), {@code version} ("3\n"), {@code .data/serialization_id}.
 *
 * <p>Each tensor is pickled as {@code torch._utils._rebuild_tensor_v2(storage, 0, size, contiguous_stride,
 * False, OrderedDict())} with persistent id {@code ('storage', torch.<X>Storage, '<key>', 'cpu', numel)}.
 */
final class TorchZipWriter {
    static final String ARCHIVE = "archive";
    private static final int BATCH = 1000; // items per SETITEMS/APPENDS, as Python's pickler batches
    private static final int MAX_DEPTH = 256;

    private final Path file;
    private final PickleWriter pickle = new PickleWriter();
    private final List<RawTensor> storages = new ArrayList<>();

    private TorchZipWriter(Path file) {
        this.file = file;
    }

    static void write(Path file, Object tree) {
        TorchZipWriter writer = new TorchZipWriter(file);
        writer.value(tree, "", 0);
        byte[] data = writer.pickle.finish();
        try {
            AtomicFiles.write(file, out -> writer.writeZip(out, data));
        } catch (java.io.UncheckedIOException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
    }

    private void writeZip(OutputStream out, byte[] dataPkl) throws IOException {
        CRC32 id = new CRC32();
        id.update(dataPkl);
        try (AlignedZipWriter zip = new AlignedZipWriter(out)) {
            String prefix = ARCHIVE + "/";
            zip.add(prefix + "data.pkl", dataPkl);
            zip.add(prefix + ".format_version", "1");
            zip.add(prefix + ".storage_alignment", Integer.toString(AlignedZipWriter.ALIGNMENT));
            zip.add(prefix + "byteorder", "little");
            for (int i = 0; i < storages.size(); i++) {
                byte[] bytes = storages.get(i).data();
                id.update(bytes);
                zip.add(prefix + "data/" + i, bytes);
            }
            zip.add(prefix + "version", "3\n");
            // An opaque id PyTorch uses to recognise a file; here derived from the content, 20 digits like PyTorch's.
            zip.add(prefix + ".data/serialization_id", String.format("%020d", id.getValue()));
        }
    }

    private void value(Object v, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("nesting deeper than " + MAX_DEPTH + " (or a cycle) at '" + path + "'");
        }
        if (v == null) {
            pickle.none();
        } else if (v instanceof Boolean b) {
            pickle.bool(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            pickle.integer(((Number) v).longValue());
        } else if (v instanceof BigInteger big) {
            pickle.bigInteger(big);
        } else if (v instanceof Double || v instanceof Float) {
            pickle.floating(((Number) v).doubleValue());
        } else if (v instanceof String s) {
            pickle.string(s);
        } else if (v instanceof RawTensor t) {
            tensor(t);
        } else if (v instanceof Map<?, ?> map) {
            dict(map, path, depth);
        } else if (v instanceof List<?> list) {
            list(list, path, depth);
        } else {
            throw fail("unsupported value of type " + v.getClass().getName() + " at '" + path + "'");
        }
    }

    private void dict(Map<?, ?> map, String path, int depth) {
        if (map instanceof OrderedDictMap) {
            pickle.global("collections", "OrderedDict");
            pickle.emptyTuple();
            pickle.reduce();
        } else {
            pickle.emptyDict();
        }
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            pickle.mark();
            for (int n = 0; n < BATCH && it.hasNext(); n++) {
                Map.Entry<?, ?> e = it.next();
                if (!(e.getKey() instanceof String key)) {
                    throw fail("map key " + e.getKey() + " at '" + path + "' is not a string");
                }
                pickle.string(key);
                value(e.getValue(), path.isEmpty() ? key : path + "." + key, depth + 1);
            }
            pickle.setItems();
        }
    }

    private void list(List<?> list, String path, int depth) {
        pickle.emptyList();
        for (int start = 0; start < list.size(); start += BATCH) {
            pickle.mark();
            for (int i = start; i < Math.min(start + BATCH, list.size()); i++) {
                value(list.get(i), path + "[" + i + "]", depth + 1);
            }
            pickle.appends();
        }
    }

    private void tensor(RawTensor t) {
        String key = Integer.toString(storages.size());
        storages.add(t);
        long[] shape = t.shape();
        pickle.global("torch._utils", "_rebuild_tensor_v2");
        pickle.mark();
        pickle.mark();
        pickle.string("storage");
        pickle.global("torch", t.dtype().storageClassName());
        pickle.string(key);
        pickle.string("cpu");
        pickle.integer(t.numel());
        pickle.tupleFromMark();
        pickle.persistentId();
        pickle.integer(0);
        longTuple(shape);
        longTuple(contiguousStrides(shape));
        pickle.bool(false);
        pickle.global("collections", "OrderedDict");
        pickle.emptyTuple();
        pickle.reduce();
        pickle.tupleFromMark();
        pickle.reduce();
    }

    private void longTuple(long[] values) {
        pickle.mark();
        for (long v : values) {
            pickle.integer(v);
        }
        pickle.tupleFromMark();
    }

    static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = step;
            step *= Math.max(shape[d], 1);
        }
        return strides;
    }

    private ModelFileException fail(String problem) {
        return new ModelFileException("cannot write " + file + ": " + problem);
    }
}
