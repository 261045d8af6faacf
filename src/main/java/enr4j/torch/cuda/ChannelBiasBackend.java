package enr4j.torch.cuda;

import org.bytedeco.pytorch.Tensor;

/** Adds a per-channel bias in place to a channels-last tensor, outside autograd (the bias takes no gradient). */
public interface ChannelBiasBackend {
    /**
     * @param rows  (N * spatial) x C, contiguous (a channels-last tensor seen with its channels innermost)
     * @param bias  C, rows' dtype, contiguous
     * @return whether it was added; false (rows untouched) when rows is not contiguous or bias does not match it
     */
    boolean addInPlace(Tensor rows, Tensor bias);
}
