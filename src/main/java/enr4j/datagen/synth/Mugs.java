package enr4j.datagen.synth;

import enr4j.geometry.Vec3;

import java.util.SplittableRandom;

/**
 * Mugs: hollow revolved body (cylindrical, tapered or flared, with inner wall and rim), optional
 * contrasting inside colour, and a handle (round torus segment or squared handle of beams).
 */
public final class Mugs implements ShapeGenerator {

    @Override
    public Mesh generate(SplittableRandom random) {
        Dice dice = new Dice(random);
        MeshBuilder b = new MeshBuilder();
        double height = dice.uniform(0.7, 1.4);
        double rTop = dice.uniform(0.3, 0.55);
        double rBottom = rTop * dice.uniform(0.65, 1.2);
        double wall = dice.uniform(0.02, 0.06);
        double bottom = dice.uniform(0.04, 0.12);
        Material outside = dice.anyMaterial();
        Material inside = dice.chance(0.4) ? dice.anyMaterial() : outside;
        double belly = dice.chance(0.3) ? dice.uniform(0.0, 0.08) : 0;
        double midR = (rTop + rBottom) / 2 + belly;
        double[][] profile = {
            {0, 0}, {rBottom, 0}, {midR, height / 2}, {rTop, height}, {rTop - wall, height},
            {midR - wall, height / 2}, {rBottom - wall, bottom}, {0, bottom}};
        Material[] materials = {outside, outside, outside, outside, inside, inside, inside};
        b.lathe(Vec3.ZERO, profile, 32, materials);

        b.material(dice.chance(0.75) ? outside : dice.anyMaterial());
        double hTop = height * dice.uniform(0.65, 0.85);
        double hBottom = height * dice.uniform(0.15, 0.35);
        double handleR = dice.uniform(0.025, 0.06);
        double reach = dice.uniform(0.15, 0.35);
        double attachTop = radiusAt(hTop, rBottom, midR, rTop, height) - wall / 2;
        double attachBottom = radiusAt(hBottom, rBottom, midR, rTop, height) - wall / 2;
        if (dice.chance(0.65)) {
            double centreY = (hTop + hBottom) / 2;
            double major = (hTop - hBottom) / 2;
            double attach = Math.min(attachTop, attachBottom);
            double shift = major * dice.uniform(0.0, 0.5);
            double end = Math.acos(shift / major);
            b.torusSegment(new Vec3(attach - shift, centreY, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                    major, handleR, -end, end, 16, 8);
        } else {
            Vec3 topIn = new Vec3(attachTop, hTop, 0);
            Vec3 bottomIn = new Vec3(attachBottom, hBottom, 0);
            double outX = Math.max(attachTop, attachBottom) + reach;
            Vec3 topOut = new Vec3(outX, hTop, 0);
            Vec3 bottomOut = new Vec3(outX, hBottom, 0);
            b.beam(topIn, topOut, handleR * 2);
            b.beam(bottomOut, topOut, handleR * 2);
            b.beam(bottomIn, bottomOut, handleR * 2);
        }
        return b.build().fittedToSphere(1.0);
    }

    private static double radiusAt(double y, double rBottom, double rMid, double rTop, double height) {
        double half = height / 2;
        return y < half ? rBottom + (rMid - rBottom) * y / half : rMid + (rTop - rMid) * (y - half) / half;
    }
}
