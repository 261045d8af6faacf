package enr4j.datagen.synth;

import enr4j.geometry.Vec3;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Chairs: seat (rectangular, rounded or trapezoid), legs (four straight, four swept/splayed with stretchers,
 * or a pedestal with a star base), back (solid, slatted, or a low rail "stool"), optional armrests.
 */
public final class Chairs implements ShapeGenerator {

    @Override
    public Mesh generate(SplittableRandom random) {
        Dice dice = new Dice(random);
        MeshBuilder b = new MeshBuilder();
        double width = dice.uniform(0.38, 0.7);
        double depth = dice.uniform(0.36, 0.62);
        double seatY = dice.uniform(0.35, 0.55);
        double seatT = dice.uniform(0.025, 0.11);
        Material seatMat = dice.anyMaterial();
        Material frameMat = dice.chance(0.5) ? seatMat : dice.anyMaterial();
        Material backMat = dice.chance(0.6) ? seatMat : dice.anyMaterial();

        b.material(seatMat);
        int seatShape = dice.integer(0, 2);
        Vec3 seatCentre = new Vec3(0, seatY + seatT / 2, 0);
        if (seatShape == 0) {
            b.boxCentred(seatCentre, width, seatT, depth);
        } else if (seatShape == 1) {
            b.ellipticSlab(seatCentre, width / 2, depth / 2, seatT, 24);
        } else {
            double back = width * dice.uniform(0.7, 0.95);
            List<Vec3> base = List.of(new Vec3(-back / 2, seatY, -depth / 2), new Vec3(back / 2, seatY, -depth / 2),
                    new Vec3(width / 2, seatY, depth / 2), new Vec3(-width / 2, seatY, depth / 2));
            b.prism(base, new Vec3(0, seatT, 0), false);
        }

        b.material(frameMat);
        double legT = dice.uniform(0.025, 0.07);
        double inset = dice.uniform(0.02, 0.08);
        double lx = width / 2 - inset;
        double lz = depth / 2 - inset;
        int legStyle = dice.integer(0, 2);
        if (legStyle == 0) {
            boolean round = dice.chance(0.5);
            for (int sx = -1; sx <= 1; sx += 2) {
                for (int sz = -1; sz <= 1; sz += 2) {
                    Vec3 top = new Vec3(sx * lx, seatY, sz * lz);
                    Vec3 bottom = new Vec3(sx * lx, 0, sz * lz);
                    if (round) {
                        b.cylinder(bottom, top, legT / 2, 8);
                    } else {
                        b.beam(bottom, top, legT);
                    }
                }
            }
        } else if (legStyle == 1) {
            double splay = dice.uniform(0.05, 0.18);
            for (int sx = -1; sx <= 1; sx += 2) {
                for (int sz = -1; sz <= 1; sz += 2) {
                    b.beam(new Vec3(sx * (lx + splay), 0, sz * (lz + splay)), new Vec3(sx * lx, seatY, sz * lz), legT);
                }
            }
            double h = seatY * dice.uniform(0.2, 0.45);
            double f = splay * (1 - h / seatY);
            for (int sx = -1; sx <= 1; sx += 2) {
                b.beam(new Vec3(sx * (lx + f), h, -(lz + f)), new Vec3(sx * (lx + f), h, lz + f), legT * 0.6);
            }
            if (dice.chance(0.5)) {
                b.beam(new Vec3(-(lx + f), h, 0), new Vec3(lx + f, h, 0), legT * 0.6);
            }
        } else {
            double columnR = dice.uniform(0.025, 0.06);
            double baseY = dice.uniform(0.05, 0.1);
            b.cylinder(new Vec3(0, baseY, 0), new Vec3(0, seatY, 0), columnR, 12);
            int arms = dice.integer(3, 5);
            double reach = Math.max(width, depth) * dice.uniform(0.45, 0.65);
            boolean wheels = dice.chance(0.6);
            for (int i = 0; i < arms; i++) {
                double a = 2 * Math.PI * i / arms + Math.PI / 2;
                Vec3 end = new Vec3(reach * Math.cos(a), baseY * 0.6, reach * Math.sin(a));
                b.beam(new Vec3(0, baseY, 0), end, legT);
                if (wheels) {
                    b.cylinder(end.minus(new Vec3(0, baseY * 0.6, 0)), end, legT * 0.7, 8);
                }
            }
        }

        b.material(backMat);
        int backStyle = dice.integer(0, 2);
        double backH = dice.uniform(0.3, 0.7);
        double tilt = dice.uniform(0.0, 0.2);
        double backT = dice.uniform(0.02, 0.07);
        Vec3 backBase = new Vec3(0, seatY + seatT, -depth / 2 + backT / 2);
        Vec3 up = new Vec3(0, 1, -tilt).normalized();
        if (backStyle == 0) {
            double bw = width * dice.uniform(0.75, 1.0);
            List<Vec3> base = List.of(backBase.plus(new Vec3(-bw / 2, 0, -backT / 2)),
                    backBase.plus(new Vec3(bw / 2, 0, -backT / 2)), backBase.plus(new Vec3(bw / 2, 0, backT / 2)),
                    backBase.plus(new Vec3(-bw / 2, 0, backT / 2)));
            b.prism(base, up.times(backH), false);
        } else if (backStyle == 1) {
            double postX = width / 2 - backT / 2;
            for (int sx = -1; sx <= 1; sx += 2) {
                Vec3 p = backBase.plus(new Vec3(sx * postX, 0, 0));
                b.beam(p, p.plus(up.times(backH)), backT);
            }
            int slats = dice.integer(1, 5);
            boolean vertical = dice.chance(0.4);
            for (int i = 0; i < slats; i++) {
                double f = (i + 1.0) / (slats + 1);
                if (vertical) {
                    double x = -postX + 2 * postX * f;
                    Vec3 p = backBase.plus(new Vec3(x, 0, 0)).plus(up.times(backH * 0.1));
                    b.beam(p, p.plus(up.times(backH * 0.85)), backT * 0.7);
                } else {
                    Vec3 c = backBase.plus(up.times(backH * (0.35 + 0.65 * f)));
                    b.beam(c.plus(new Vec3(-postX, 0, 0)), c.plus(new Vec3(postX, 0, 0)), backT * 0.8);
                }
            }
            Vec3 top = backBase.plus(up.times(backH));
            b.beam(top.plus(new Vec3(-postX - backT / 2, 0, 0)), top.plus(new Vec3(postX + backT / 2, 0, 0)), backT * 1.2);
        } else {
            double railH = dice.uniform(0.04, 0.14);
            b.boxCentred(backBase.plus(new Vec3(0, railH / 2, 0)), width * 0.9, railH, backT);
        }

        if (dice.chance(0.35)) {
            b.material(frameMat);
            double armY = seatY + seatT + dice.uniform(0.15, 0.28);
            double armT = dice.uniform(0.03, 0.07);
            for (int sx = -1; sx <= 1; sx += 2) {
                double x = sx * (width / 2 - armT / 2);
                b.boxCentred(new Vec3(x, armY, 0), armT, armT * 0.7, depth * dice.uniform(0.7, 1.0));
                b.beam(new Vec3(x, seatY + seatT, depth / 2 - 0.05), new Vec3(x, armY, depth / 2 - 0.05), armT * 0.7);
            }
        }
        return b.build().fittedToSphere(1.0);
    }

}
