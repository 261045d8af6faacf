package enr4j.data;

/**
 * Reference preprocessing: centre crop then resize, producing channel-first uint8 RGB.
 *
 * <p><b>Centre crop</b> follows torchvision {@code CenterCrop}: the crop offset is
 * {@code round((size - crop) / 2)} with round-half-even (Python's {@code round}); when the image is
 * smaller than the crop it is padded with zeros (the image sits at offset {@code (crop - size) / 2}).
 *
 * <p><b>Resize</b> follows PIL's bilinear resampling as used by torchvision {@code Resize} on PIL images:
 * a separable triangle filter whose support is widened by the scale factor when downscaling
 * (antialiased), pixel centres aligned ({@code (x + 0.5) * scale}); horizontal pass then vertical pass in
 * floating point, rounded to the nearest uint8 at the end. When crop size equals the output size the
 * resize is skipped (exact copy).
 */
public final class ImagePreprocessor {

    private final int cropSize;
    private final int outputSize;
    private final Weights weights;

    /**
     * @param cropSize   side of the centre crop
     * @param outputSize side of the output image
     */
    public ImagePreprocessor(int cropSize, int outputSize) {
        if (cropSize <= 0 || outputSize <= 0) {
            throw new DatasetException("crop and output sizes must be positive, got " + cropSize + " and " + outputSize);
        }
        this.cropSize = cropSize;
        this.outputSize = outputSize;
        this.weights = cropSize == outputSize ? null : Weights.bilinear(cropSize, outputSize);
    }

    /** @return output side length */
    public int outputSize() {
        return outputSize;
    }

    /** @return bytes of one output image: 3 x outputSize x outputSize */
    public int outputBytes() {
        return 3 * outputSize * outputSize;
    }

    /**
     * Crops and resizes {@code image} into {@code dest}.
     *
     * @param image  decoded interleaved RGB image
     * @param dest   destination, receives uint8, 3 x S x S, row-major, channel-first (S = output size)
     * @param offset first byte written in {@code dest}
     */
    public void process(PngDecoder.RgbImage image, byte[] dest, int offset) {
        int c = cropSize;
        int top = cropOffset(image.height(), c);
        int left = cropOffset(image.width(), c);
        if (weights == null) {
            int plane = c * c;
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < c; y++) {
                    for (int x = 0; x < c; x++) {
                        dest[offset + ch * plane + y * c + x] = (byte) sample(image, ch, top + y, left + x);
                    }
                }
            }
            return;
        }
        // the horizontal pass reads the image in place: a large photo is never copied as floats
        int s = outputSize;
        float[] horizontal = new float[c * s];
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < c; y++) {
                for (int x = 0; x < s; x++) {
                    horizontal[y * s + x] = weights.applyToRow(image, ch, top + y, left, x);
                }
            }
            int outBase = offset + ch * s * s;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    float v = weights.apply(horizontal, x, s, y);
                    dest[outBase + y * s + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
    }

    /** @return a new channel-first output array for {@code image} */
    public byte[] process(PngDecoder.RgbImage image) {
        byte[] out = new byte[outputBytes()];
        process(image, out, 0);
        return out;
    }

    /** torchvision offset: round-half-even of (size - crop) / 2, or minus the padding when smaller. */
    static int cropOffset(int size, int crop) {
        if (size >= crop) {
            return (int) Math.rint((size - crop) / 2.0);
        }
        return -((crop - size) / 2);
    }

    /** One uint8 sample of the image, 0 outside it (the crop's zero padding). */
    private static int sample(PngDecoder.RgbImage image, int channel, int y, int x) {
        if (y < 0 || y >= image.height() || x < 0 || x >= image.width()) {
            return 0;
        }
        return image.rgb()[(y * image.width() + x) * 3 + channel] & 0xFF;
    }

    /** Precomputed PIL-style filter taps for one axis (same for both axes since images are square). */
    private record Weights(int[] start, int[] count, float[][] taps) {

        static Weights bilinear(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            float[][] taps = new float[outSize][];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize);
                double[] w = new double[max - min];
                double sum = 0;
                for (int j = 0; j < w.length; j++) {
                    double t = Math.abs((j + min - center + 0.5) / filterScale);
                    w[j] = t < 1 ? 1 - t : 0;
                    sum += w[j];
                }
                taps[o] = new float[w.length];
                for (int j = 0; j < w.length; j++) {
                    taps[o][j] = (float) (sum == 0 ? 0 : w[j] / sum);
                }
                start[o] = min;
                count[o] = w.length;
            }
            return new Weights(start, count, taps);
        }

        /** Weighted sum along image row {@code y} of one channel, the crop starting at column {@code left}. */
        float applyToRow(PngDecoder.RgbImage image, int channel, int y, int left, int o) {
            float[] t = taps[o];
            int s = start[o] + left;
            float acc = 0;
            for (int j = 0; j < t.length; j++) {
                acc += t[j] * sample(image, channel, y, s + j);
            }
            return acc;
        }

        /** Weighted sum of {@code src[base + (start+j)*stride]} for output index {@code o}. */
        float apply(float[] src, int base, int stride, int o) {
            float[] t = taps[o];
            int s = start[o];
            float acc = 0;
            for (int j = 0; j < t.length; j++) {
                acc += t[j] * src[base + (s + j) * stride];
            }
            return acc;
        }
    }
}
