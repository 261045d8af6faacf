package enr4j.datagen.synth;

import enr4j.data.DatasetException;

/**
 * Image background: a plain opaque colour (RGB PNG) or transparent (RGBA PNG whose background pixels are
 * (0, 0, 0, 0), so a loader that keeps only RGB sees black).
 *
 * @param red         0..255
 * @param green       0..255
 * @param blue        0..255
 * @param transparent true for an RGBA image with alpha = coverage
 */
public record Background(int red, int green, int blue, boolean transparent) {

    /** Opaque white. */
    public static final Background WHITE = new Background(255, 255, 255, false);
    /** Opaque black. */
    public static final Background BLACK = new Background(0, 0, 0, false);
    /** Transparent. */
    public static final Background TRANSPARENT = new Background(0, 0, 0, true);

    /** Validates channel ranges. */
    public Background {
        for (int v : new int[] {red, green, blue}) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("background channel out of 0..255: " + v);
            }
        }
    }

    /**
     * Parses "white", "black", "transparent", a colour as "R,G,B" (each 0..255) or a hex colour "#rrggbb".
     *
     * @throws DatasetException naming the value when unrecognised
     */
    public static Background parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "white":
                return WHITE;
            case "black":
                return BLACK;
            case "transparent":
                return TRANSPARENT;
            default:
                if (t.matches("#[0-9a-f]{6}")) {
                    int rgb = Integer.parseInt(t.substring(1), 16);
                    return new Background(rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF, false);
                }
                if (t.matches("\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}")) {
                    int[] rgb = java.util.Arrays.stream(t.split(",")).mapToInt(c -> Integer.parseInt(c.strip())).toArray();
                    if (rgb[0] <= 255 && rgb[1] <= 255 && rgb[2] <= 255) {
                        return new Background(rgb[0], rgb[1], rgb[2], false);
                    }
                }
                throw new DatasetException("unknown background '" + text
                        + "' (use white, black, transparent, R,G,B with each 0 to 255, or #rrggbb)");
        }
    }
}
