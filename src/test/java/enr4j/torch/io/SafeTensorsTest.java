package enr4j.torch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class SafeTensorsTest {
    @TempDir
    Path dir;

    static RawTensor randomTensor(DType dtype, Random rnd, long... shape) {
        byte[] data = new byte[(int) RawTensor.byteCount(dtype, shape)];
        rnd.nextBytes(data);
        if (dtype == DType.BOOL) {
            for (int i = 0; i < data.length; i++) {
                data[i] &= 1;
            }
        }
        return new RawTensor(dtype, shape, data);
    }

    @Test
    void roundTripIsBitExactAndKeepsOrderForEveryDType() {
        Random rnd = new Random(7);
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        // reverse alphabetical names check that insertion order, not sorting, decides the layout
        String[] names = {"z", "y", "x", "w", "v", "u", "t", "s", "r", "q"};
        DType[] types = DType.values();
        for (int i = 0; i < types.length; i++) {
            tensors.put(names[i] + "." + types[i], randomTensor(types[i], rnd, 2, i + 1, 3));
        }
        tensors.put("scalar", randomTensor(DType.FLOAT32, rnd));
        tensors.put("empty", randomTensor(DType.BFLOAT16, rnd, 0, 5));
        Path file = dir.resolve("m.safetensors");
        SafeTensors.write(file, tensors, Map.of("format", "pt"));

        SafeTensorsFile read = SafeTensors.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()));
        assertEquals(tensors, read.tensors());
        assertArrayEquals(new long[0], read.tensors().get("scalar").shape());
        assertEquals(0, read.tensors().get("empty").data().length);
        assertEquals(Map.of("format", "pt"), read.metadata());
    }

    @Test
    void headerIsPaddedToEightBytesAndDataFollowsInOrder() throws IOException {
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        tensors.put("b", RawTensor.ofFloats(new long[] {2}, 1f, 2f));
        tensors.put("a", RawTensor.ofFloats(new long[] {1}, 3f));
        Path file = dir.resolve("p.safetensors");
        SafeTensors.write(file, tensors);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}"), header);
        assertTrue(header.indexOf("\"a\"") > header.indexOf("\"b\""));
        float first = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(1f, first);
        assertEquals(8 + n + 12, bytes.length);
    }

    private Path craft(String json, int dataBytes) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header);
        Path file = dir.resolve("crafted.safetensors");
        Files.write(file, buf.array());
        return file;
    }

    private static String errorOf(Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one-line message: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void rejectsHeaderLengthBeyondFile() throws IOException {
        Path file = dir.resolve("long.safetensors");
        Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertTrue(errorOf(file).contains("header length 1000"));
    }

    @Test
    void rejectsTruncatedAndMalformedHeaders() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertTrue(errorOf(tiny).contains("shorter"));
        assertTrue(errorOf(craft("{\"a\": {\"dtype\": ", 0)).contains("not valid JSON"));
        assertTrue(errorOf(craft("[1, 2]", 0)).contains("not a JSON object"));
        assertTrue(errorOf(craft("{\"w\":{\"dtype\":\"X9\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4))
                .contains("tensor 'w' has unsupported dtype X9"));
    }

    @Test
    void rejectsOffsetsOutsideBufferOrNotMatchingShape() throws IOException {
        assertTrue(errorOf(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4))
                .contains("tensor 'w' data_offsets [0, 8] outside"));
        assertTrue(errorOf(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8))
                .contains("needs 12"));
        assertTrue(errorOf(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,0]}}", 8))
                .contains("tensor 'w'"));
    }

    @Test
    void rejectsOverlappingTensors() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertTrue(errorOf(craft(json, 12)).contains("'b' data overlaps tensor 'a'"));
    }

    @Test
    void truncatedDataIsReportedNotCrashing() throws IOException {
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, Map.of("w", RawTensor.ofFloats(new long[] {4}, 1, 2, 3, 4)));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertTrue(errorOf(file).contains("outside the data buffer"));
    }
}
