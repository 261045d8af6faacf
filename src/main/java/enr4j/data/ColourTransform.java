package enr4j.data;

/**
 * A linear recolouring of RGB that keeps every grey fixed: a rotation of RGB space by {@code angle} radians about
 * the grey axis u = (1, 1, 1) / sqrt(3) (a hue rotation), then a scale by {@code saturation} of each colour's
 * distance from its grey level (the mean of its channels, i.e. its projection onto u). Results are clamped to
 * [0, 1].
 *
 * <p>Both steps act only on the plane orthogonal to u, so the matrix is {@code P + s (cos(a) Q + sin(a) K)} with
 * P = u u^T (the projection onto the grey axis), Q = I - P and K the cross-product matrix of u. White, black and
 * every grey (c, c, c) map to themselves; a rotation by 120 degrees maps red to green, green to blue, blue to red.
 *
 * @param angle      rotation about the grey axis, radians (right-handed: positive turns red towards green)
 * @param saturation factor on the distance from grey (1 keeps it; 0 would make every colour grey)
 */
public record ColourTransform(double angle, double saturation) {

    /** The transform that changes nothing. */
    public static final ColourTransform IDENTITY = new ColourTransform(0, 1);

    private static final double THIRD = 1.0 / 3.0;
    private static final double INV_SQRT3 = 1.0 / Math.sqrt(3.0);

    /** Refuses non-finite parameters and a negative saturation. */
    public ColourTransform {
        if (!Double.isFinite(angle) || !Double.isFinite(saturation) || saturation < 0) {
            throw new IllegalArgumentException("colour transform needs a finite angle and a saturation >= 0, got "
                    + angle + ", " + saturation);
        }
    }

    /** @return the 3 x 3 matrix acting on column vectors (r, g, b), row-major, length 9 */
    public double[] matrix() {
        double c = saturation * Math.cos(angle);
        double k = saturation * Math.sin(angle) * INV_SQRT3; // K's entries are +-1/sqrt(3)
        double diagonal = THIRD + c * (1 - THIRD);
        double offDiagonal = THIRD - c * THIRD;
        // K = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]] / sqrt(3)
        return new double[] {
            diagonal, offDiagonal - k, offDiagonal + k,
            offDiagonal + k, diagonal, offDiagonal - k,
            offDiagonal - k, offDiagonal + k, diagonal,
        };
    }

    /**
     * @param rgb one colour, channels in [0, 1], length 3
     * @return the recoloured colour, clamped to [0, 1], length 3
     */
    public double[] apply(double[] rgb) {
        if (rgb.length != 3) {
            throw new IllegalArgumentException("a colour has 3 channels, got " + rgb.length);
        }
        double[] m = matrix();
        double[] out = new double[3];
        for (int row = 0; row < 3; row++) {
            out[row] = clamp(m[3 * row] * rgb[0] + m[3 * row + 1] * rgb[1] + m[3 * row + 2] * rgb[2]);
        }
        return out;
    }

    /**
     * Recolours one uint8 image in place, rounding to the nearest level; greys come back unchanged.
     *
     * @param images uint8 channel-first images; the one recoloured is 3 x S x S starting at {@code offset}
     * @param offset index of the image's first byte (its red plane)
     * @param plane  S x S, the bytes of one channel
     */
    public void applyInPlace(byte[] images, int offset, int plane) {
        if (offset < 0 || plane < 0 || offset + 3L * plane > images.length) {
            throw new IllegalArgumentException("an image of 3 x " + plane + " bytes at " + offset
                    + " does not fit in " + images.length + " bytes");
        }
        double[] m = matrix();
        for (int p = offset; p < offset + plane; p++) {
            double r = (images[p] & 0xFF) / 255.0;
            double g = (images[p + plane] & 0xFF) / 255.0;
            double b = (images[p + 2 * plane] & 0xFF) / 255.0;
            images[p] = toByte(m[0] * r + m[1] * g + m[2] * b);
            images[p + plane] = toByte(m[3] * r + m[4] * g + m[5] * b);
            images[p + 2 * plane] = toByte(m[6] * r + m[7] * g + m[8] * b);
        }
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    private static byte toByte(double v) {
        return (byte) Math.round(clamp(v) * 255.0);
    }
}
