package enr4j.torch.io;

/** The value of a storage class global such as {@code torch.FloatStorage} inside a pickle. */
record StorageType(DType dtype) {
}
