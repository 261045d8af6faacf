package enr4j.torch.io;

import enr4j.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
 * Reads and writes the safetensors format.
 *
 * <p>Byte layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value"}}}, padded with spaces so that {@code 8 + N} is a multiple of 8; then the data
 * buffer, where each tensor occupies {@code [begin, end)} (relative to the buffer start) as contiguous
 * little-endian elements. Tensors are written in insertion order, back to back.
 */
public final class SafeTensors {
    private static final String METADATA_KEY = "__metadata__";
    /** Refuse absurd headers before allocating for them (the reference implementation uses the same bound). */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    /** Writes {@code tensors} in iteration order with no metadata. */
    public static void write(Path file, Map<String, RawTensor> tensors) {
        write(file, tensors, Map.of());
    }

    /** Writes {@code tensors} in iteration order and {@code metadata} as {@code __metadata__}; atomic. */
    public static void write(Path file, Map<String, RawTensor> tensors, Map<String, String> metadata) {
        AtomicFiles.Writer content = writer(file.toString(), tensors, metadata);
        try {
            AtomicFiles.write(file, content);
        } catch (java.io.UncheckedIOException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} and {@code metadata}, as a writer that can run more
     * than once (each run writes the same bytes), e.g. into a zip entry.
     *
     * @param target names the destination in error messages
     * @throws ModelFileException if a tensor is named {@code __metadata__}
     */
    public static AtomicFiles.Writer writer(String target, Map<String, RawTensor> tensors, Map<String, String> metadata) {
        byte[] header = header(target, tensors, metadata);
        return out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (RawTensor t : tensors.values()) {
                out.write(t.data());
            }
        };
    }

    private static byte[] header(String file, Map<String, RawTensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, RawTensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                throw new ModelFileException("cannot write " + file + ": tensor name " + METADATA_KEY + " is reserved");
            }
            RawTensor t = e.getValue();
            ObjectNode entry = root.putObject(e.getKey());
            entry.put("dtype", t.dtype().safetensorsName());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + t.data().length);
            offset += t.data().length;
        }
        try {
            byte[] json = JSON.writeValueAsBytes(root);
            int padded = (json.length + 7) / 8 * 8; // 8 + padded is then a multiple of 8
            byte[] header = Arrays.copyOf(json, padded);
            Arrays.fill(header, json.length, padded, (byte) ' ');
            return header;
        } catch (JsonProcessingException e) {
            throw new ModelFileException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads every tensor and the metadata, validating the header against the file. */
    public static SafeTensorsFile read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw fail(file, "file is " + size + " bytes, shorter than the 8-byte header length");
            }
            long headerLength = readFully(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw fail(file, "header length " + Long.toUnsignedString(headerLength) + " does not fit a file of "
                        + size + " bytes");
            }
            byte[] headerBytes = readFully(ch, 8, (int) headerLength).array();
            long dataStart = 8 + headerLength;
            List<Entry> entries = new ArrayList<>();
            Map<String, String> metadata = parseHeader(file, headerBytes, size - dataStart, entries);
            checkNoOverlap(file, entries);
            Map<String, RawTensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                byte[] data = readFully(ch, dataStart + e.begin, (int) (e.end - e.begin)).array();
                tensors.put(e.name, new RawTensor(e.dtype, e.shape, data));
            }
            return new SafeTensorsFile(tensors, metadata);
        } catch (IOException e) {
            throw fail(file, e.toString());
        }
    }

    /**
     * Reads only the {@code __metadata__} strings (empty if absent) from the start of a safetensors stream, e.g. a
     * zip entry: the 8-byte length and the header, never the tensor data.
     *
     * @param source names the file in error messages
     */
    public static Map<String, String> readMetadata(InputStream in, String source) {
        try {
            byte[] length = in.readNBytes(8);
            if (length.length < 8) {
                throw fail(source, "file is " + length.length + " bytes, shorter than the 8-byte header length");
            }
            long headerLength = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw fail(source, "header length " + Long.toUnsignedString(headerLength) + " is out of range");
            }
            byte[] header = in.readNBytes((int) headerLength);
            if (header.length < headerLength) {
                throw fail(source, "file ends inside its " + headerLength + "-byte header");
            }
            JsonNode root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw fail(source, "header is not a JSON object");
            }
            JsonNode meta = root.get(METADATA_KEY);
            return meta == null ? Map.of() : metadataStrings(source, meta);
        } catch (JsonProcessingException e) {
            throw fail(source, "header is not valid JSON: " + e.getOriginalMessage().replace('\n', ' '));
        } catch (IOException e) {
            throw fail(source, e.toString());
        }
    }

    private static Map<String, String> metadataStrings(String source, JsonNode node) {
        if (!node.isObject()) {
            throw fail(source, METADATA_KEY + " is not an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        node.fields().forEachRemaining(m -> {
            if (!m.getValue().isTextual()) {
                throw fail(source, METADATA_KEY + " value of '" + m.getKey() + "' is not a string");
            }
            metadata.put(m.getKey(), m.getValue().textValue());
        });
        return metadata;
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    private static Map<String, String> parseHeader(Path file, byte[] headerBytes, long dataLength, List<Entry> out) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw fail(file, "header is not valid JSON: " + e.getOriginalMessage().replace('\n', ' '));
        }
        if (root == null || !root.isObject()) {
            throw fail(file, "header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(METADATA_KEY)) {
                metadata.putAll(metadataStrings(file.toString(), node));
            } else {
                out.add(parseEntry(file, name, node, dataLength));
            }
        }
        return metadata;
    }

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataLength) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw fail(file, where + " is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw fail(file, where + " has no string dtype");
        }
        DType dtype = DType.fromSafetensorsName(dtypeNode.textValue())
                .orElseThrow(() -> fail(file, where + " has unsupported dtype " + dtypeNode.textValue()));
        long[] shape = longArray(file, where, node.get("shape"), "shape", -1);
        long[] offsets = longArray(file, where, node.get("data_offsets"), "data_offsets", 2);
        for (long d : shape) {
            if (d < 0) {
                throw fail(file, where + " has negative dimension in shape " + Arrays.toString(shape));
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataLength) {
            throw fail(file, where + " data_offsets [" + begin + ", " + end + "] outside the data buffer of "
                    + dataLength + " bytes");
        }
        long expected;
        try {
            expected = RawTensor.byteCount(dtype, shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw fail(file, where + " has unusable shape " + Arrays.toString(shape));
        }
        if (end - begin != expected) {
            throw fail(file, where + " data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes but " + dtype.safetensorsName() + " " + Arrays.toString(shape) + " needs " + expected);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long[] longArray(Path file, String where, JsonNode node, String field, int requiredLength) {
        if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
            throw fail(file, where + " has no valid " + field);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw fail(file, where + " has a non-integer in " + field);
            }
            values[i] = v.longValue();
        }
        return values;
    }

    private static void checkNoOverlap(Path file, List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1);
            Entry cur = sorted.get(i);
            if (cur.begin < prev.end) {
                throw fail(file, "tensor '" + cur.name + "' data overlaps tensor '" + prev.name + "'");
            }
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new EOFException("unexpected end of file at byte " + (position + buf.position()));
            }
        }
        return buf.flip();
    }

    private static ModelFileException fail(Path file, String problem) {
        return fail(file.toString(), problem);
    }

    private static ModelFileException fail(String file, String problem) {
        return new ModelFileException("bad safetensors file " + file + ": " + problem);
    }
}
