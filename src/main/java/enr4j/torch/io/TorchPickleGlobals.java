package enr4j.torch.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allow-list of Python globals a tensor checkpoint may name. Everything else is refused, which is what
 * keeps a malicious pickle from running code: nothing is ever imported or executed.
 *
 * <ul>
 *   <li>{@code collections.OrderedDict} builds an {@link OrderedDictMap};</li>
 *   <li>{@code torch._utils._rebuild_tensor_v2} / {@code _rebuild_tensor} build a {@link TensorRef} from
 *       (storage, storage_offset, size, stride[, requires_grad, backward_hooks[, metadata]]);</li>
 *   <li>{@code torch._utils._rebuild_parameter[_with_state]} return their tensor argument;</li>
 *   <li>{@code torch.<X>Storage} and {@code torch[.storage].UntypedStorage} (bytes) name storage types;</li>
 *   <li>{@code torch.float32} etc. name a {@link DType}; {@code torch.device} and {@code torch.Size} give a
 *       string and a list; {@code _codecs.encode(text, "latin1")} gives bytes (protocol 2 bytes objects).</li>
 * </ul>
 */
final class TorchPickleGlobals implements RestrictedUnpickler.Globals {
    private final String file;

    /** @param file names the checkpoint in refusal messages */
    TorchPickleGlobals(String file) {
        this.file = file;
    }

    /** A resolver that refuses every global: for the plain-data pickles of the legacy header. */
    static RestrictedUnpickler.Globals none(String file) {
        return (module, name) -> {
            throw refusal(module, name, file);
        };
    }

    @Override
    public Object resolve(String module, String name) {
        Object resolved = lookup(module, name);
        if (resolved == null) {
            throw refusal(module, name, file);
        }
        return resolved;
    }

    private static ModelFileException refusal(String module, String name, String file) {
        return new ModelFileException("refusing to load " + module + "." + name + " from " + file
                + ": not a tensor checkpoint");
    }

    private static Object lookup(String module, String name) {
        switch (module + "." + name) {
            case "collections.OrderedDict":
                return (PickleCallable) TorchPickleGlobals::orderedDict;
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
                return (PickleCallable) TorchPickleGlobals::rebuildTensor;
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                return (PickleCallable) args -> tensorArg(args.get(0));
            case "torch.UntypedStorage", "torch.storage.UntypedStorage":
                return new StorageType(DType.UINT8);
            case "torch.device":
                return (PickleCallable) TorchPickleGlobals::device;
            case "torch.Size":
                return (PickleCallable) args -> new ArrayList<>((List<?>) args.get(0));
            case "_codecs.encode":
                return (PickleCallable) TorchPickleGlobals::latin1Bytes;
            default:
                break;
        }
        if (!module.equals("torch")) {
            return null;
        }
        Optional<DType> storage = DType.fromStorageClassName(name);
        if (storage.isPresent()) {
            return new StorageType(storage.get());
        }
        return DType.fromTorchName(name).orElse(null);
    }

    private static Object orderedDict(List<Object> args) {
        OrderedDictMap map = new OrderedDictMap();
        if (!args.isEmpty()) {
            for (Object pair : (List<?>) args.get(0)) {
                List<?> kv = (List<?>) pair;
                map.put((String) kv.get(0), kv.get(1));
            }
        }
        return map;
    }

    private static Object rebuildTensor(List<Object> args) {
        if (args.size() < 4) {
            throw new IllegalArgumentException("_rebuild_tensor_v2 needs at least 4 arguments, got " + args.size());
        }
        if (!(args.get(0) instanceof StorageRef storage)) {
            throw new IllegalArgumentException("tensor storage is " + PickleValues.describe(args.get(0)));
        }
        if (args.size() > 6 && args.get(6) instanceof Map<?, ?> metadata && !metadata.isEmpty()) {
            throw new IllegalArgumentException("tensor metadata " + metadata.keySet() + " is not supported");
        }
        return new TensorRef(storage, (Long) args.get(1), longs(args.get(2)), longs(args.get(3)));
    }

    private static Object tensorArg(Object arg) {
        if (!(arg instanceof TensorRef)) {
            throw new IllegalArgumentException("parameter data is " + PickleValues.describe(arg));
        }
        return arg;
    }

    private static Object device(List<Object> args) {
        StringBuilder sb = new StringBuilder((String) args.get(0));
        if (args.size() > 1 && args.get(1) != null) {
            sb.append(':').append((Long) args.get(1));
        }
        return sb.toString();
    }

    private static Object latin1Bytes(List<Object> args) {
        if (args.size() != 2 || !"latin1".equals(args.get(1))) {
            throw new IllegalArgumentException("_codecs.encode is allowed only as encode(text, 'latin1')");
        }
        return ((String) args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long[] longs(Object tuple) {
        List<?> items = (List<?>) tuple;
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Long) items.get(i);
        }
        return out;
    }
}
