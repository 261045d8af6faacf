package enr4j.datagen.synth;

import enr4j.geometry.Vec3;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Cars: a lower body extruded from a chamfered side profile, a cabin (trapezoid side profile in tinted glass
 * with a body-coloured roof) whose length and position vary from pickup to sedan to van, and four wheels
 * (tyre cylinders with hubs); length, height, width, wheel size and colours vary.
 */
public final class Cars implements ShapeGenerator {

    @Override
    public Mesh generate(SplittableRandom random) {
        Dice dice = new Dice(random);
        MeshBuilder b = new MeshBuilder();
        double length = dice.uniform(3.2, 5.2);
        double width = dice.uniform(1.5, 2.1);
        double wheelR = dice.uniform(0.28, 0.45);
        double clearance = wheelR * dice.uniform(0.35, 0.7);
        double bodyH = dice.uniform(0.45, 0.85);
        double cabinH = dice.uniform(0.35, 0.8);
        Material paint = dice.colour(0.3, 1.0, 0.25, 1.0);
        Material glass = Material.hsv(dice.uniform(0.5, 0.7), dice.uniform(0.1, 0.4), dice.uniform(0.08, 0.3), 0.9, 96);
        Material tyre = new Material(0.06f, 0.06f, 0.06f, 0.1f, 8f);
        Material hub = dice.metal();

        double x0 = -length / 2;
        double x1 = length / 2;
        double top = clearance + bodyH;
        double nose = length * dice.uniform(0.03, 0.12);
        double tail = length * dice.uniform(0.02, 0.08);
        double z0 = -width / 2;
        List<Vec3> body = List.of(
                new Vec3(x0, clearance, z0), new Vec3(x1, clearance, z0),
                new Vec3(x1, clearance + bodyH * dice.uniform(0.45, 0.8), z0), new Vec3(x1 - nose, top, z0),
                new Vec3(x0 + tail, top, z0), new Vec3(x0, clearance + bodyH * dice.uniform(0.55, 0.9), z0));
        b.material(paint).prism(body, new Vec3(0, 0, width), false);

        double cabinStart = x0 + length * dice.uniform(0.05, 0.35);
        double cabinEnd = x1 - length * dice.uniform(0.2, 0.45);
        if (cabinEnd - cabinStart < length * 0.25) {
            cabinEnd = cabinStart + length * 0.25;
        }
        double cabinLen = cabinEnd - cabinStart;
        double rearSlope = cabinLen * dice.uniform(0.0, 0.3);
        double frontSlope = cabinLen * dice.uniform(0.1, 0.35);
        double cabinW = width * dice.uniform(0.78, 0.95);
        double roofT = dice.uniform(0.03, 0.08);
        double cz = -cabinW / 2;
        List<Vec3> cabin = List.of(
                new Vec3(cabinStart, top, cz), new Vec3(cabinEnd, top, cz),
                new Vec3(cabinEnd - frontSlope, top + cabinH, cz), new Vec3(cabinStart + rearSlope, top + cabinH, cz));
        b.material(glass).prism(cabin, new Vec3(0, 0, cabinW), false);
        b.material(paint).box(new Vec3(cabinStart + rearSlope, top + cabinH, cz),
                new Vec3(cabinEnd - frontSlope, top + cabinH + roofT, -cz));

        double overhang = length * dice.uniform(0.14, 0.22);
        double tyreW = dice.uniform(0.18, 0.32);
        for (int sx = -1; sx <= 1; sx += 2) {
            double x = sx * (length / 2 - overhang);
            for (int sz = -1; sz <= 1; sz += 2) {
                double outer = sz * (width / 2 + 0.02);
                double inner = outer - sz * tyreW;
                b.material(tyre).cylinder(new Vec3(x, wheelR, inner), new Vec3(x, wheelR, outer), wheelR, 16);
                b.material(hub).cylinder(new Vec3(x, wheelR, outer), new Vec3(x, wheelR, outer + sz * 0.015),
                        wheelR * dice.uniform(0.45, 0.7), 12);
            }
        }
        return b.build().fittedToSphere(1.0);
    }
}
