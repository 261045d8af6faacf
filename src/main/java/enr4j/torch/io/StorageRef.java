package enr4j.torch.io;

/**
 * A reference, found in a pickle, to a region of a raw storage record of a checkpoint.
 *
 * @param key storage record key ({@code data/<key>} in the zip format, a root key in the legacy format)
 * @param dtype element type of the storage
 * @param elementOffset first element of the region within the record (non-zero only for legacy storage views)
 * @param numel elements in the region
 */
record StorageRef(String key, DType dtype, long elementOffset, long numel) {
}
