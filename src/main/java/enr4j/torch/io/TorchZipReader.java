package enr4j.torch.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a checkpoint in the zip format of {@code torch.save} (PyTorch 1.6 and later): records under one top
 * folder {@code <archive>/}: {@code data.pkl} (the object pickle), {@code data/<key>} (raw little-endian
 * storage bytes), {@code byteorder}, {@code version} and others that are not needed here.
 */
final class TorchZipReader {
    /** More records than any checkpoint has (one per storage); refused before they are looked at. */
    static final int MAX_ENTRIES = 100_000;

    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final ReadBudget budget;
    private final Map<String, StorageRef> declared = new HashMap<>();
    private final Map<String, byte[]> loaded = new HashMap<>();

    private TorchZipReader(Path file, ZipFile zip, long fileBytes) {
        this.file = file;
        this.zip = zip;
        this.budget = new ReadBudget(file.toString(), fileBytes);
        if (zip.size() > MAX_ENTRIES) {
            throw fail(zip.size() + " records, more than the " + MAX_ENTRIES + " a checkpoint may have");
        }
        this.prefix = findArchivePrefix();
    }

    /** @param planner as for {@link TensorTree#resolve}; null: return the declared tree without tensor data */
    static Object read(Path file, long fileBytes, Function<Object, TensorAdmission> planner) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new TorchZipReader(file, zip, fileBytes).read(planner);
        } catch (IOException e) {
            throw new ModelFileException("bad zip checkpoint " + file + ": " + e.getMessage());
        }
    }

    private Object read(Function<Object, TensorAdmission> planner) throws IOException {
        ZipEntry byteorder = zip.getEntry(prefix + "byteorder");
        if (byteorder != null) {
            String order = new String(readSmall(byteorder), StandardCharsets.US_ASCII).trim();
            if (!order.equals("little")) {
                throw fail("byte order '" + order + "' is not supported, only little-endian");
            }
        }
        ZipEntry pickle = zip.getEntry(prefix + "data.pkl");
        if (pickle.getSize() > RestrictedUnpickler.MAX_BYTES) {
            throw fail("record " + pickle.getName() + " declares " + pickle.getSize() + " bytes, more than the "
                    + RestrictedUnpickler.MAX_BYTES + " an object pickle may have");
        }
        Object tree;
        try (InputStream in = new BufferedInputStream(zip.getInputStream(pickle))) {
            tree = new RestrictedUnpickler(in, file + " (" + pickle.getName() + ")", new TorchPickleGlobals(
                    file.toString()), this::storageFor).load();
        }
        if (planner == null) {
            return TensorTree.declare(tree, file.toString());
        }
        return TensorTree.resolve(tree, file.toString(), this::bytesOf, budget, planner);
    }

    /** Persistent id {@code ('storage', storage_type, key, location, numel)}. */
    private Object storageFor(Object pid) {
        if (!(pid instanceof List<?> id) || id.size() != 5 || !"storage".equals(id.get(0))
                || !(id.get(1) instanceof StorageType type) || !(id.get(2) instanceof String key)
                || !(id.get(4) instanceof Long numel) || numel < 0) {
            throw new IllegalArgumentException("persistent id " + PickleValues.preview(pid)
                    + " is not ('storage', type, key, location, numel)");
        }
        StorageRef ref = new StorageRef(key, type.dtype(), 0, numel);
        StorageRef previous = declared.putIfAbsent(key, ref);
        if (previous != null && !previous.equals(ref)) {
            throw new IllegalArgumentException("storage '" + key + "' declared as both " + previous + " and " + ref);
        }
        return ref;
    }

    private byte[] bytesOf(StorageRef ref) {
        return loaded.computeIfAbsent(ref.key(), key -> {
            ZipEntry entry = zip.getEntry(prefix + "data/" + key);
            if (entry == null) {
                throw fail("storage record " + prefix + "data/" + key + " is missing");
            }
            long expected = Math.multiplyExact(ref.numel(), (long) ref.dtype().byteSize());
            if (expected > Integer.MAX_VALUE - 8) {
                throw fail("storage record " + entry.getName() + " is too large for one Java array");
            }
            if (entry.getSize() >= 0 && entry.getSize() < expected) {
                throw fail("storage record " + entry.getName() + " has " + entry.getSize() + " bytes, needs "
                        + expected);
            }
            budget.take(expected, "storage record " + entry.getName());
            try {
                return readExactly(entry, (int) expected);
            } catch (IOException e) {
                throw fail("storage record " + entry.getName() + ": " + e.getMessage());
            }
        });
    }

    private byte[] readSmall(ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readNBytes(64);
        }
    }

    private byte[] readExactly(ZipEntry entry, int bytes) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes(bytes);
            if (data.length < bytes) {
                throw fail("record " + entry.getName() + " is truncated");
            }
            return data;
        }
    }

    /** The single top folder holding {@code data.pkl}; PyTorch names it after the file, but any name works. */
    private String findArchivePrefix() {
        String found = null;
        for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
            String name = it.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                if (found != null) {
                    throw fail("more than one data.pkl (" + found + "data.pkl, " + name + ")");
                }
                found = name.substring(0, slash + 1);
            }
        }
        if (found == null) {
            throw fail("no <archive>/data.pkl record: not a torch.save zip checkpoint");
        }
        return found;
    }

    private ModelFileException fail(String problem) {
        return new ModelFileException("bad zip checkpoint " + file + ": " + problem);
    }
}
