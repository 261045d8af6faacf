package enr4j.torch.io;

/**
 * Decides, from a tensor's declared name, type and shape, whether a reader may allocate it: called before any
 * of the tensor's bytes are read, so that a file declaring the wrong shapes costs nothing to refuse.
 */
@FunctionalInterface
public interface TensorAdmission {
    /** Admits every tensor (the reader's byte budget still applies). */
    TensorAdmission ANY = (name, dtype, shape) -> { };

    /**
     * @param name  the tensor's name: its key in a safetensors file, its dotted path in a checkpoint's object
     *              tree (e.g. {@code state_dict.transform_2d.forward_layers.0.weight})
     * @param shape the declared shape (do not modify)
     * @throws ModelFileException naming the file and tensor to refuse it
     */
    void admit(String name, DType dtype, long[] shape);
}
