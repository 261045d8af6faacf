package enr4j.torch.cuda;

import org.bytedeco.pytorch.Tensor;

/**
 * The kernels behind {@link FusedGroupNorm}: GroupNorm, optionally followed by LeakyReLU, forward and backward,
 * with float32 statistics. Called without autograd; every tensor is contiguous in the layout {@link Problem} names.
 */
public interface GroupNormBackend {
    /**
     * One GroupNorm call's sizes.
     *
     * @param batch        N
     * @param channels     C, a multiple of {@code groups}
     * @param spatial      S, the product of the spatial sizes
     * @param channelsLast true: elements ordered N, spatial, C; false: N, C, spatial
     * @param activation   true: LeakyReLU with {@code slope} follows the affine step
     */
    record Problem(long batch, long channels, long spatial, int groups, double eps, boolean channelsLast,
                   boolean activation, double slope) {}

    /**
     * @param output    N x C x spatial, x's dtype and layout
     * @param mean      N x G float32
     * @param rstd      N x G float32, 1 / sqrt(var + eps)
     * @param workspace zeroed float32 scratch the backward pass may use (zeroed with the forward's own, which
     *                  saves the backward a fill), or null
     */
    record Forward(Tensor output, Tensor mean, Tensor rstd, Tensor workspace) {}

    /**
     * @param input  N x C x spatial like x, or null when not asked for
     * @param weight C, x's dtype, or null when not asked for or added into a buffer
     * @param bias   C, x's dtype, or null when not asked for or added into a buffer
     */
    record Gradients(Tensor input, Tensor weight, Tensor bias) {}

    /**
     * @param x       N x C x spatial, float32 or bfloat16
     * @param weight  C, x's dtype
     * @param bias    C, x's dtype
     * @param preBias C, x's dtype, added to x before the normalisation (a preceding convolution's bias, so that no
     *                pass of its own adds it), or null; only for a forward pass without gradients
     */
    Forward forward(Problem p, Tensor x, Tensor weight, Tensor bias, Tensor preBias);

    /**
     * @param dy          the gradient at the output: like x
     * @param f           what {@link #forward} returned for x (its output is not read)
     * @param weightInto  with {@code biasInto}: gradient buffers (C, x's dtype, contiguous) the parameters' gradients
     *                    are added into, when {@code parameters}; null: they are returned
     */
    Gradients backward(Problem p, Tensor dy, Tensor x, Forward f, Tensor weight, Tensor bias, boolean input,
                       boolean parameters, Tensor weightInto, Tensor biasInto);
}
