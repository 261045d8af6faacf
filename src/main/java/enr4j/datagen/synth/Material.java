package enr4j.datagen.synth;

/**
 * Surface material for the Blinn-Phong shader.
 *
 * @param red       diffuse red in [0, 1]
 * @param green     diffuse green in [0, 1]
 * @param blue      diffuse blue in [0, 1]
 * @param specular  specular strength in [0, 1] (white highlights)
 * @param shininess Blinn-Phong exponent (e.g. 8 matte plastic .. 128 glossy)
 */
public record Material(float red, float green, float blue, float specular, float shininess) {

    /** Light grey, slightly glossy default. */
    public static final Material DEFAULT = new Material(0.7f, 0.7f, 0.7f, 0.2f, 16f);

    /** Material from HSV (all in [0, 1]). */
    public static Material hsv(double hue, double saturation, double value, double specular, double shininess) {
        double h = (hue - Math.floor(hue)) * 6;
        int sector = (int) h;
        double f = h - sector;
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] {value, t, p};
            case 1 -> new double[] {q, value, p};
            case 2 -> new double[] {p, value, t};
            case 3 -> new double[] {p, q, value};
            case 4 -> new double[] {t, p, value};
            default -> new double[] {value, p, q};
        };
        return new Material((float) rgb[0], (float) rgb[1], (float) rgb[2], (float) specular, (float) shininess);
    }
}
