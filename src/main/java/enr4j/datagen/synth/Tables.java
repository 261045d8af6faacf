package enr4j.datagen.synth;

import enr4j.geometry.Vec3;

import java.util.SplittableRandom;

/**
 * Tables: round, oval or rectangular tops of varied size and thickness; one pedestal (column with a disc or
 * cross foot), three legs (under round tops) or four legs (straight or tapered boxes, or round); optional
 * stretchers between the legs; optional apron under rectangular tops.
 */
public final class Tables implements ShapeGenerator {

    @Override
    public Mesh generate(SplittableRandom random) {
        Dice dice = new Dice(random);
        MeshBuilder b = new MeshBuilder();
        double height = dice.uniform(0.4, 1.05);
        double topT = dice.uniform(0.02, 0.09);
        int topShape = dice.integer(0, 2); // 0 rect, 1 round, 2 oval
        double sx = dice.uniform(0.5, 1.8);
        double sz = topShape == 1 ? sx : sx * dice.uniform(0.45, 0.95);
        Material topMat = dice.anyMaterial();
        Material legMat = dice.chance(0.5) ? topMat : dice.anyMaterial();
        b.material(topMat);
        Vec3 topCentre = new Vec3(0, height - topT / 2, 0);
        if (topShape == 0) {
            b.boxCentred(topCentre, sx, topT, sz);
        } else {
            b.ellipticSlab(topCentre, sx / 2, sz / 2, topT, 40);
        }
        double legY = height - topT;
        b.material(legMat);
        int legs = topShape == 0 ? (dice.chance(0.85) ? 4 : 1) : new int[] {1, 3, 4}[dice.integer(0, 2)];
        double legT = dice.uniform(0.03, 0.09);
        if (legs == 1) {
            double columnR = dice.uniform(0.03, 0.1);
            b.cylinder(new Vec3(0, 0.02, 0), new Vec3(0, legY, 0), columnR, 12);
            double footR = Math.min(sx, sz) * dice.uniform(0.2, 0.45);
            if (dice.chance(0.5)) {
                b.ellipticSlab(new Vec3(0, 0.02, 0), footR, footR, 0.04, 24);
            } else {
                b.beam(new Vec3(-footR, 0.02, 0), new Vec3(footR, 0.02, 0), legT);
                b.beam(new Vec3(0, 0.02, -footR), new Vec3(0, 0.02, footR), legT);
            }
            return b.build().fittedToSphere(1.0);
        }
        double inset = dice.uniform(0.03, 0.15);
        Vec3[] feet = new Vec3[legs];
        Vec3[] tops = new Vec3[legs];
        double splay = dice.chance(0.3) ? dice.uniform(0.02, 0.1) : 0;
        for (int i = 0; i < legs; i++) {
            double x;
            double z;
            if (legs == 4 && topShape == 0) {
                x = (i % 2 == 0 ? -1 : 1) * (sx / 2 - inset);
                z = (i < 2 ? -1 : 1) * (sz / 2 - inset);
            } else {
                double a = 2 * Math.PI * i / legs + (legs == 4 ? Math.PI / 4 : Math.PI / 2);
                x = Math.cos(a) * (sx / 2 - inset);
                z = Math.sin(a) * (sz / 2 - inset);
            }
            tops[i] = new Vec3(x, legY, z);
            double norm = Math.hypot(x, z);
            feet[i] = new Vec3(x + splay * x / norm, 0, z + splay * z / norm);
        }
        boolean round = dice.chance(0.4);
        for (int i = 0; i < legs; i++) {
            if (round) {
                b.cylinder(feet[i], tops[i], legT / 2, 10);
            } else {
                b.beam(feet[i], tops[i], legT);
            }
        }
        if (dice.chance(0.45)) {
            double f = dice.uniform(0.12, 0.4);
            int[] order = legs == 4 && topShape == 0 ? new int[] {0, 1, 3, 2} : null;
            for (int i = 0; i < legs; i++) {
                int a = order == null ? i : order[i];
                int c = order == null ? (i + 1) % legs : order[(i + 1) % legs];
                b.beam(lerp(feet[a], tops[a], f), lerp(feet[c], tops[c], f), legT * 0.6);
            }
        }
        if (topShape == 0 && dice.chance(0.5)) {
            double apronH = dice.uniform(0.05, 0.15);
            b.material(topMat).boxCentred(new Vec3(0, legY - apronH / 2, 0), sx - 2 * inset, apronH, sz - 2 * inset);
        }
        return b.build().fittedToSphere(1.0);
    }

    private static Vec3 lerp(Vec3 a, Vec3 b, double t) {
        return a.plus(b.minus(a).times(t));
    }
}
