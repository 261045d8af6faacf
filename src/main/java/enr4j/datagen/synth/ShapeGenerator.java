package enr4j.datagen.synth;

import java.util.SplittableRandom;

/** Procedural generator of one object category. */
@FunctionalInterface
public interface ShapeGenerator {

    /**
     * @param random source of all random choices (the result depends only on its state)
     * @return a mesh in the world frame, centred and fitted into the unit sphere, up = -y
     */
    Mesh generate(SplittableRandom random);
}
