package enr4j.torch.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import enr4j.io.Json;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the safetensors format (layout: see {@link SafeTensors}) from a file or, sequentially, from a stream.
 * The whole header is checked against the declared length, and every tensor passes the caller's
 * {@link TensorAdmission} and the {@link ReadBudget}, before any tensor data is read.
 */
final class SafeTensorsReader {
    private static final String METADATA_KEY = "__metadata__";
    /** Refuse absurd headers before allocating for them (the reference implementation uses the same bound). */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final String source;
    private final long length;

    private SafeTensorsReader(String source, long length) {
        this.source = source;
        this.length = length;
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    static SafeTensorsFile read(Path file, TensorAdmission admission) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            return read(Channels.newInputStream(ch), size, new ReadBudget(file.toString(), size), file.toString(),
                    admission);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("bad safetensors file " + file + ": no such file");
        } catch (IOException e) {
            throw new ModelFileException("bad safetensors file " + file + ": " + e.getMessage());
        }
    }

    static SafeTensorsFile read(InputStream in, long length, ReadBudget budget, String source,
                                TensorAdmission admission) {
        SafeTensorsReader reader = new SafeTensorsReader(source, length);
        try {
            return reader.read(in, budget, admission);
        } catch (EOFException e) {
            throw reader.fail("truncated: fewer bytes than its header declares");
        } catch (IOException e) {
            throw reader.fail(e.getMessage());
        }
    }

    /** The {@code __metadata__} strings from the start of a stream of unknown length, reading no tensor data. */
    static Map<String, String> readMetadata(InputStream in, String source) {
        SafeTensorsReader reader = new SafeTensorsReader(source, Long.MAX_VALUE);
        try {
            byte[] header = reader.header(in, new ReadBudget(source, 0));
            return reader.parseHeader(header, Long.MAX_VALUE, new ArrayList<>());
        } catch (EOFException e) {
            throw reader.fail("truncated inside its header");
        } catch (IOException e) {
            throw reader.fail(e.getMessage());
        }
    }

    /** Reads the 8-byte length and the header it announces, checked against the declared file length. */
    private byte[] header(InputStream in, ReadBudget budget) throws IOException {
        if (length < 8) {
            throw fail("file is " + length + " bytes, shorter than the 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(readFully(in, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > length - 8) {
            throw fail("header length " + Long.toUnsignedString(headerLength) + " does not fit a file of "
                    + length + " bytes");
        }
        budget.take(headerLength, "the header");
        return readFully(in, (int) headerLength);
    }

    private SafeTensorsFile read(InputStream in, ReadBudget budget, TensorAdmission admission) throws IOException {
        byte[] headerBytes = header(in, budget);
        long dataLength = length - 8 - headerBytes.length;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = parseHeader(headerBytes, dataLength, entries);
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkCoversBuffer(byOffset, dataLength);
        for (Entry e : entries) {
            admission.admit(e.name, e.dtype, e.shape);
            budget.take(e.end - e.begin, "tensor '" + e.name + "'");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        long at = 0;
        for (Entry e : byOffset) {
            in.skipNBytes(e.begin - at);
            data.put(e.name, readFully(in, (int) (e.end - e.begin)));
            at = e.end;
        }
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            tensors.put(e.name, new RawTensor(e.dtype, e.shape, data.get(e.name)));
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    private Map<String, String> parseHeader(byte[] headerBytes, long dataLength, List<Entry> out) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw fail("header is not valid JSON: " + Json.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw fail("header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(METADATA_KEY)) {
                if (!node.isObject()) {
                    throw fail(METADATA_KEY + " is not an object");
                }
                node.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw fail(METADATA_KEY + " value of '" + m.getKey() + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().textValue());
                });
            } else {
                out.add(parseEntry(name, node, dataLength));
            }
        }
        return metadata;
    }

    private Entry parseEntry(String name, JsonNode node, long dataLength) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw fail(where + " is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw fail(where + " has no string dtype");
        }
        DType dtype = DType.fromSafetensorsName(dtypeNode.textValue())
                .orElseThrow(() -> fail(where + " has unsupported dtype " + dtypeNode.textValue()));
        long[] shape = longArray(where, node.get("shape"), "shape", -1);
        long[] offsets = longArray(where, node.get("data_offsets"), "data_offsets", 2);
        for (long d : shape) {
            if (d < 0) {
                throw fail(where + " has negative dimension in shape " + Arrays.toString(shape));
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataLength) {
            throw fail(where + " data_offsets [" + begin + ", " + end + "] outside the data buffer of "
                    + dataLength + " bytes");
        }
        long expected;
        try {
            expected = RawTensor.byteCount(dtype, shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw fail(where + " has unusable shape " + Arrays.toString(shape));
        }
        if (end - begin != expected) {
            throw fail(where + " data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes but " + dtype.safetensorsName() + " " + Arrays.toString(shape) + " needs " + expected);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private long[] longArray(String where, JsonNode node, String field, int requiredLength) {
        if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
            throw fail(where + " has no valid " + field);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw fail(where + " has a non-integer in " + field);
            }
            values[i] = v.longValue();
        }
        return values;
    }

    /** The format's rule: the tensors cover the data buffer back to back, no overlaps and no holes. */
    private void checkCoversBuffer(List<Entry> sorted, long dataLength) {
        long at = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Entry cur = sorted.get(i);
            if (cur.begin < at) {
                throw fail("tensor '" + cur.name + "' data overlaps tensor '" + sorted.get(i - 1).name + "'");
            }
            if (cur.begin > at) {
                throw fail("bytes " + at + " to " + cur.begin + " of the data buffer belong to no tensor");
            }
            at = cur.end;
        }
        if (at != dataLength) {
            throw fail("the data buffer holds " + dataLength + " bytes, its tensors " + at);
        }
    }

    /** Reads exactly {@code n} bytes; the array grows as data arrives, so a short stream costs no more. */
    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException();
        }
        return b;
    }

    private ModelFileException fail(String problem) {
        return new ModelFileException("bad safetensors file " + source + ": " + problem);
    }
}
