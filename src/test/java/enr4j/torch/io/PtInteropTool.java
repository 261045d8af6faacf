package enr4j.torch.io;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manual interop check with real PyTorch (see src/tools/python/check_pt_interop.py); not a unit test.
 * {@code write OUT.pt} writes a fixed checkpoint; {@code dump IN.pt} prints one line per tensor
 * ({@code path dtype [shape] sha256=<hex of the little-endian bytes>}), the same format the Python script prints.
 */
public final class PtInteropTool {
    private PtInteropTool() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[1]);
        if (args[0].equals("write")) {
            TorchCheckpoints.write(file, sampleCheckpoint());
        }
        dump("", TorchCheckpoints.read(file));
    }

    /** {"config": {...}, "state_dict": OrderedDict} with float32 arange tensors, a scalar, bf16 and int64. */
    static Map<String, Object> sampleCheckpoint() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("img_shape", List.of(3L, 32L, 32L));
        config.put("channels_2d", List.of(64L, 64L, 128L));
        config.put("lr", 2e-4);
        config.put("name", "java");
        config.put("use_bn", true);
        OrderedDictMap state = new OrderedDictMap();
        state.put("conv.weight", arange(new long[] {4, 3, 3, 3}));
        state.put("conv.bias", arange(new long[] {4}));
        state.put("scale", RawTensor.ofFloats(new long[0], 0.25f));
        state.put("empty", new RawTensor(DType.FLOAT32, new long[] {0, 2}, new byte[0]));
        byte[] bf16 = {(byte) 0x80, 0x3f, 0x00, 0x40, 0x40, 0x40, (byte) 0x80, 0x40}; // 1, 2, 3, 4 (high halves of float32)
        state.put("bf16", new RawTensor(DType.BFLOAT16, new long[] {2, 2}, bf16));
        state.put("num_batches_tracked", new RawTensor(DType.INT64, new long[0], new byte[] {42, 0, 0, 0, 0, 0, 0, 0}));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("config", config);
        tree.put("state_dict", state);
        return tree;
    }

    private static RawTensor arange(long[] shape) {
        float[] values = new float[(int) RawTensor.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        return RawTensor.ofFloats(shape, values);
    }

    private static void dump(String path, Object node) {
        if (node instanceof RawTensor t) {
            System.out.println(path + " " + t.dtype().torchName() + " " + Arrays.toString(t.shape()).replace(" ", "")
                    + " sha256=" + sha256(t.data()));
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> dump(path.isEmpty() ? (String) k : path + "." + k, v));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                dump(path + "." + i, list.get(i));
            }
        } else {
            System.out.println(path + " = " + node);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return String.format("%064x", new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(data)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
