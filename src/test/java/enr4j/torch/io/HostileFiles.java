package enr4j.torch.io;

import com.fasterxml.jackson.databind.JsonNode;
import enr4j.model.ModelConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the hostile and broken files of {@link HostileFilesTest}: pickles, checkpoints, zips, safetensors. */
final class HostileFiles {
    private HostileFiles() {
    }

    /** {@code K\x01} then DUP + TUPLE2 {@code links} times: one small int shared 2^links times when expanded. */
    static void nestedPairs(ByteArrayOutputStream pkl, int links) {
        pkl.write('K');
        pkl.write(1);
        for (int i = 0; i < links; i++) {
            pkl.write('2');
            pkl.write(0x86);
        }
    }

    static byte[] nestedPairsPickle(int links) {
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.write(0x80);
        pkl.write(2);
        nestedPairs(pkl, links);
        pkl.write('.');
        return pkl.toByteArray();
    }

    /** {@code {"config": {"img_shape": <nested pairs>}, "state_dict": {}}}. */
    static byte[] nestedPairsConfigPickle(int links) {
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.writeBytes(new byte[] {(byte) 0x80, 2, '}', '('});
        unicode(pkl, "config");
        pkl.writeBytes(new byte[] {'}', '('});
        unicode(pkl, "img_shape");
        nestedPairs(pkl, links);
        pkl.write('u');
        unicode(pkl, "state_dict");
        pkl.writeBytes(new byte[] {'}', 'u', '.'});
        return pkl.toByteArray();
    }

    private static void unicode(ByteArrayOutputStream pkl, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        pkl.write('X');
        pkl.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
        pkl.writeBytes(utf8);
    }

    /** A torch.save zip checkpoint: {@code archive/data.pkl} and one 4-byte float storage {@code data/0}. */
    static Path zipCheckpoint(Path file, byte[] dataPkl) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); AlignedZipWriter zip = new AlignedZipWriter(out)) {
            zip.add("archive/data.pkl", dataPkl);
            zip.add("archive/data/0", new byte[4]);
            zip.add("archive/version", "3\n");
        }
        return file;
    }

    /** {@code {"config": <config>, "state_dict": <stateDict>}}. */
    static byte[] checkpointPickle(Consumer<PickleWriter> config, Consumer<PickleWriter> stateDict) {
        PickleWriter p = new PickleWriter();
        p.emptyDict();
        p.mark();
        p.string("config");
        config.accept(p);
        p.string("state_dict");
        stateDict.accept(p);
        p.setItems();
        return p.finish();
    }

    /** The model keys of {@code config} as a pickled dict of lists. */
    static Consumer<PickleWriter> config(ModelConfig config) {
        return p -> {
            p.emptyDict();
            p.mark();
            for (Map.Entry<String, JsonNode> e : config.toJson().properties()) {
                p.string(e.getKey());
                if (e.getValue().isArray()) {
                    p.emptyList();
                    p.mark();
                    e.getValue().forEach(v -> p.integer(v.longValue()));
                    p.appends();
                } else if (e.getValue().isNumber()) {
                    p.floating(e.getValue().doubleValue());
                } else {
                    p.string(e.getValue().asText());
                }
            }
            p.setItems();
        };
    }

    /** A dict of float tensors, each viewing the one-element storage {@code 0} with all strides 0. */
    static Consumer<PickleWriter> strideZeroTensors(Map<String, long[]> shapes) {
        return p -> {
            p.emptyDict();
            p.mark();
            shapes.forEach((name, shape) -> {
                p.string(name);
                p.global("torch._utils", "_rebuild_tensor_v2");
                p.mark();
                p.mark();
                p.string("storage");
                p.global("torch", "FloatStorage");
                p.string("0");
                p.string("cpu");
                p.integer(1);
                p.tupleFromMark();
                p.persistentId();
                p.integer(0);
                p.mark();
                for (long s : shape) {
                    p.integer(s);
                }
                p.tupleFromMark();
                p.mark();
                for (int i = 0; i < shape.length; i++) {
                    p.integer(0);
                }
                p.tupleFromMark();
                p.tupleFromMark();
                p.reduce();
            });
            p.setItems();
        };
    }

    /** A safetensors header of {@code json} (8-byte length, then the text) followed by {@code dataBytes} zeros. */
    static void safetensors(OutputStream out, String json, long dataBytes) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        byte[] zeros = new byte[1 << 20];
        for (long left = dataBytes; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

    /** A model zip: {@code config.json}, and a deflated {@code model.safetensors} of header {@code json} and zeros. */
    static Path modelZip(Path file, String configJson, String weightsHeader, long dataBytes) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(configJson.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("model.safetensors"));
            safetensors(zip, weightsHeader, dataBytes);
            zip.closeEntry();
        }
        return file;
    }

    static void writeSafetensors(Path file, String json, long dataBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            safetensors(out, json, dataBytes);
        }
    }
}
