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
        int plane = c * c;
        if (weights == null) {
            crop(image, top, left, (ch, y, x, v) -> dest[offset + ch * plane + y * c + x] = (byte) v);
            return;
        }
        float[] cropped = new float[3 * plane];
        crop(image, top, left, (ch, y, x, v) -> cropped[ch * plane + y * c + x] = v);
        int s = outputSize;
        float[] horizontal = new float[c * s];
        for (int ch = 0; ch < 3; ch++) {
            int base = ch * plane;
            for (int y = 0; y < c; y++) {
                for (int x = 0; x < s; x++) {
                    horizontal[y * s + x] = weights.apply(cropped, base + y * c, 1, x);
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

    @FunctionalInterface
    private interface PixelSink {
        void put(int channel, int y, int x, int value);
    }

    private void crop(PngDecoder.RgbImage image, int top, int left, PixelSink sink) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        for (int y = 0; y < cropSize; y++) {
            int sy = y + top;
            for (int x = 0; x < cropSize; x++) {
                int sx = x + left;
                boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                int p = (sy * w + sx) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    sink.put(ch, y, x, inside ? rgb[p + ch] & 0xFF : 0);
                }
            }
        }
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
