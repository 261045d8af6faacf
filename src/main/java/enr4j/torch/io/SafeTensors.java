package enr4j.torch.io;

import enr4j.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
        return SafeTensorsReader.read(file, TensorAdmission.ANY);
    }

    /** As {@link #read(Path)}, passing each tensor through {@code admission} before any tensor data is read. */
    public static SafeTensorsFile read(Path file, TensorAdmission admission) {
        return SafeTensorsReader.read(file, admission);
    }

    /**
     * Reads a safetensors file from a stream (e.g. a zip entry, read in place), sequentially.
     *
     * @param length the file's declared length: no more than this is read
     * @param budget caps the bytes held, for the file that contains the stream
     * @param source names the file in messages, e.g. {@code model.zip!/model.safetensors}
     */
    public static SafeTensorsFile read(InputStream in, long length, ReadBudget budget, String source,
                                       TensorAdmission admission) {
        return SafeTensorsReader.read(in, length, budget, source, admission);
    }

    /**
     * Reads only the {@code __metadata__} strings (empty if absent) from the start of a safetensors stream, e.g. a
     * zip entry: the 8-byte length and the header, never the tensor data.
     *
     * @param source names the file in error messages
     */
    public static Map<String, String> readMetadata(InputStream in, String source) {
        return SafeTensorsReader.readMetadata(in, source);
    }
}
