package enr4j.datagen.synth;

import java.util.SplittableRandom;

/** Convenience draws over a {@link SplittableRandom} for the shape generators. */
final class Dice {

    private final SplittableRandom random;

    Dice(SplittableRandom random) {
        this.random = random;
    }

    /** @return uniform in [lo, hi) */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** @return uniform integer in [lo, hi] */
    int integer(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    /** @return true with probability p */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** @return a random material: any hue, the given saturation/value ranges, random gloss */
    Material colour(double satLo, double satHi, double valLo, double valHi) {
        double specular = uniform(0.0, 0.6);
        double shininess = uniform(8, 96);
        return Material.hsv(random.nextDouble(), uniform(satLo, satHi), uniform(valLo, valHi), specular, shininess);
    }

    /** @return a wood-like brown/tan material */
    Material wood() {
        return Material.hsv(uniform(0.05, 0.11), uniform(0.35, 0.75), uniform(0.3, 0.85), uniform(0.05, 0.3), 24);
    }

    /** @return a grey metal-like material */
    Material metal() {
        double v = uniform(0.25, 0.85);
        return new Material((float) v, (float) v, (float) (v * uniform(0.95, 1.08)), (float) uniform(0.5, 0.9),
                (float) uniform(32, 128));
    }

    /** @return a material from a mix of palettes: saturated, pastel, wood, metal, dark */
    Material anyMaterial() {
        return switch (random.nextInt(5)) {
            case 0 -> colour(0.6, 1.0, 0.5, 1.0);
            case 1 -> colour(0.15, 0.45, 0.75, 1.0);
            case 2 -> wood();
            case 3 -> metal();
            default -> colour(0.0, 0.6, 0.08, 0.35);
        };
    }
}
