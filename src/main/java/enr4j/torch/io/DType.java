package enr4j.torch.io;

import java.util.Optional;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Element types that model files can hold, with the names each file format uses for them.
 *
 * <p>All multi-byte types are stored little-endian; {@link #BFLOAT16} is the upper half of an IEEE float32,
 * {@link #BOOL} is one byte per element (0 or 1).
 */
public enum DType {
    FLOAT32(4, "F32", "FloatStorage", "float32", ScalarType.Float),
    FLOAT64(8, "F64", "DoubleStorage", "float64", ScalarType.Double),
    FLOAT16(2, "F16", "HalfStorage", "float16", ScalarType.Half),
    BFLOAT16(2, "BF16", "BFloat16Storage", "bfloat16", ScalarType.BFloat16),
    INT64(8, "I64", "LongStorage", "int64", ScalarType.Long),
    INT32(4, "I32", "IntStorage", "int32", ScalarType.Int),
    INT16(2, "I16", "ShortStorage", "int16", ScalarType.Short),
    INT8(1, "I8", "CharStorage", "int8", ScalarType.Char),
    UINT8(1, "U8", "ByteStorage", "uint8", ScalarType.Byte),
    BOOL(1, "BOOL", "BoolStorage", "bool", ScalarType.Bool);

    private final int byteSize;
    private final String safetensorsName;
    private final String storageClassName;
    private final String torchName;
    private final ScalarType scalarType;

    DType(int byteSize, String safetensorsName, String storageClassName, String torchName, ScalarType scalarType) {
        this.byteSize = byteSize;
        this.safetensorsName = safetensorsName;
        this.storageClassName = storageClassName;
        this.torchName = torchName;
        this.scalarType = scalarType;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Name in a safetensors header, e.g. {@code F32}, {@code BF16}. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** PyTorch legacy storage class in module {@code torch}, e.g. {@code FloatStorage}. */
    public String storageClassName() {
        return storageClassName;
    }

    /** PyTorch dtype attribute in module {@code torch}, e.g. {@code float32}. */
    public String torchName() {
        return torchName;
    }

    /** The libtorch scalar type. */
    public ScalarType scalarType() {
        return scalarType;
    }

    public static Optional<DType> fromSafetensorsName(String name) {
        for (DType d : values()) {
            if (d.safetensorsName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static Optional<DType> fromStorageClassName(String name) {
        for (DType d : values()) {
            if (d.storageClassName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static Optional<DType> fromTorchName(String name) {
        for (DType d : values()) {
            if (d.torchName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static Optional<DType> fromScalarType(ScalarType type) {
        for (DType d : values()) {
            // libtorch hands back uninterned enum instances: compare the native value, not identity or name()
            if (d.scalarType.value == type.value) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
