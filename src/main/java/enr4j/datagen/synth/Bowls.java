package enr4j.datagen.synth;

import enr4j.geometry.Vec3;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bowls: revolved profiles {@code r(t) = r0 + (R - r0) t^p}, {@code y(t) = H t} with curvature exponent p
 * from strongly rounded (p ~ 0.3) to conical (p ~ 1.3), a wall of some thickness, optional flat rim lip and
 * optional foot ring; optional contrasting inside colour.
 */
public final class Bowls implements ShapeGenerator {

    private static final int STEPS = 10;

    @Override
    public Mesh generate(SplittableRandom random) {
        Dice dice = new Dice(random);
        double radius = dice.uniform(0.6, 1.2);
        double height = radius * dice.uniform(0.25, 0.9);
        double r0 = radius * dice.uniform(0.15, 0.55);
        double p = dice.uniform(0.3, 1.3);
        double wall = dice.uniform(0.02, 0.06);
        double foot = dice.chance(0.5) ? dice.uniform(0.03, 0.12) : 0;
        double lip = dice.chance(0.35) ? dice.uniform(0.04, 0.15) : 0;
        Material outside = dice.anyMaterial();
        Material inside = dice.chance(0.45) ? dice.anyMaterial() : outside;

        List<double[]> profile = new ArrayList<>();
        List<Material> materials = new ArrayList<>();
        profile.add(new double[] {0, foot});
        if (foot > 0) {
            double footR = r0 * dice.uniform(0.6, 1.0);
            profile.add(new double[] {footR - wall, foot});
            profile.add(new double[] {footR - wall, 0});
            profile.add(new double[] {footR, 0});
            profile.add(new double[] {footR, foot});
        }
        for (int i = 0; i <= STEPS; i++) {
            double t = (double) i / STEPS;
            profile.add(new double[] {r0 + (radius - r0) * Math.pow(t, p), foot + height * t});
        }
        int outerEnd = profile.size();
        if (lip > 0) {
            profile.add(new double[] {radius + lip, foot + height});
            profile.add(new double[] {radius + lip, foot + height + wall});
        }
        for (int i = STEPS; i >= 0; i--) {
            double t = (double) i / STEPS;
            double y = foot + wall + (height + (lip > 0 ? wall : 0) - wall) * t;
            profile.add(new double[] {Math.max(0, r0 + (radius - r0) * Math.pow(t, p) - wall), y});
        }
        profile.add(new double[] {0, foot + wall});
        for (int k = 0; k + 1 < profile.size(); k++) {
            materials.add(k + 1 < outerEnd + (lip > 0 ? 2 : 0) ? outside : inside);
        }
        MeshBuilder b = new MeshBuilder();
        b.lathe(Vec3.ZERO, profile.toArray(new double[0][]), 36, materials.toArray(new Material[0]));
        return b.build().fittedToSphere(1.0);
    }
}
