package enr4j.datagen.synth;

import enr4j.geometry.Vec3;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds meshes from primitives in a y-up <b>model frame</b> (x right, y up, z towards the viewer, the
 * usual OBJ convention). {@link #build()} converts to the world frame of {@link Camera} with the rotation
 * world = (z, -y, x): model up becomes world -y (up), the model's front (+z) faces the camera at az=el=0 and
 * model +x appears on the image's right.
 */
public final class MeshBuilder {

    private final FloatList positions = new FloatList();
    private final FloatList normals = new FloatList();
    private final List<Integer> materialIndex = new ArrayList<>();
    private final List<Material> materials = new ArrayList<>();
    private int current = -1;

    /** Sets the material of subsequently added triangles. */
    public MeshBuilder material(Material material) {
        int index = materials.indexOf(material);
        if (index < 0) {
            materials.add(material);
            index = materials.size() - 1;
        }
        current = index;
        return this;
    }

    private int currentMaterial() {
        if (current < 0) {
            material(Material.DEFAULT);
        }
        return current;
    }

    /** Adds a flat-shaded triangle. */
    public MeshBuilder triangle(Vec3 a, Vec3 b, Vec3 c) {
        Vec3 n = b.minus(a).cross(c.minus(a)).normalized();
        return triangle(a, b, c, n, n, n);
    }

    /** Adds a triangle with per-corner normals (normalised here). */
    public MeshBuilder triangle(Vec3 a, Vec3 b, Vec3 c, Vec3 na, Vec3 nb, Vec3 nc) {
        if (b.minus(a).cross(c.minus(a)).length() == 0) {
            return this; // degenerate
        }
        for (Vec3 p : new Vec3[] {a, b, c}) {
            positions.add(p.x(), p.y(), p.z());
        }
        for (Vec3 n : new Vec3[] {na.normalized(), nb.normalized(), nc.normalized()}) {
            normals.add(n.x(), n.y(), n.z());
        }
        materialIndex.add(currentMaterial());
        return this;
    }

    /** Adds a flat quad a-b-c-d (two triangles). */
    public MeshBuilder quad(Vec3 a, Vec3 b, Vec3 c, Vec3 d) {
        triangle(a, b, c);
        return triangle(a, c, d);
    }

    /** Adds a smooth quad with per-corner normals. */
    public MeshBuilder quad(Vec3 a, Vec3 b, Vec3 c, Vec3 d, Vec3 na, Vec3 nb, Vec3 nc, Vec3 nd) {
        triangle(a, b, c, na, nb, nc);
        return triangle(a, c, d, na, nc, nd);
    }

    /**
     * Adds a prism: a planar base polygon (convex or star-shaped about its centroid) swept by {@code offset},
     * with both caps.
     *
     * @param smoothSides side normals point away from the axis through the centroid (for round shapes)
     */
    public MeshBuilder prism(List<Vec3> base, Vec3 offset, boolean smoothSides) {
        int n = base.size();
        Vec3 centre = Vec3.ZERO;
        for (Vec3 p : base) {
            centre = centre.plus(p);
        }
        centre = centre.times(1.0 / n);
        Vec3 axis = offset.normalized();
        for (int i = 0; i < n; i++) {
            Vec3 a = base.get(i);
            Vec3 b = base.get((i + 1) % n);
            Vec3 a2 = a.plus(offset);
            Vec3 b2 = b.plus(offset);
            triangle(centre, b, a);
            triangle(centre.plus(offset), a2, b2);
            if (smoothSides) {
                Vec3 na = radial(a, centre, axis);
                Vec3 nb = radial(b, centre, axis);
                quad(a, b, b2, a2, na, nb, nb, na);
            } else {
                quad(a, b, b2, a2);
            }
        }
        return this;
    }

    private static Vec3 radial(Vec3 p, Vec3 centre, Vec3 axis) {
        Vec3 d = p.minus(centre);
        return d.minus(axis.times(d.dot(axis)));
    }

    /** Axis-aligned box from {@code min} to {@code max}. */
    public MeshBuilder box(Vec3 min, Vec3 max) {
        List<Vec3> base = List.of(new Vec3(min.x(), min.y(), min.z()), new Vec3(max.x(), min.y(), min.z()),
                new Vec3(max.x(), min.y(), max.z()), new Vec3(min.x(), min.y(), max.z()));
        return prism(base, new Vec3(0, max.y() - min.y(), 0), false);
    }

    /** Box centred at {@code centre} with the given full sizes. */
    public MeshBuilder boxCentred(Vec3 centre, double sx, double sy, double sz) {
        Vec3 half = new Vec3(sx / 2, sy / 2, sz / 2);
        return box(centre.minus(half), centre.plus(half));
    }

    /** Square-section beam of side {@code thickness} from {@code from} to {@code to}. */
    public MeshBuilder beam(Vec3 from, Vec3 to, double thickness) {
        return tube(from, to, thickness / Math.sqrt(2), 4, false);
    }

    /** Capped cylinder of {@code segments} sides from {@code from} to {@code to}, smooth sides. */
    public MeshBuilder cylinder(Vec3 from, Vec3 to, double radius, int segments) {
        return tube(from, to, radius, segments, true);
    }

    private MeshBuilder tube(Vec3 from, Vec3 to, double radius, int segments, boolean smooth) {
        Vec3 axis = to.minus(from);
        Vec3 u = axis.anyPerpendicular();
        Vec3 v = axis.normalized().cross(u);
        List<Vec3> base = new ArrayList<>(segments);
        double phase = segments == 4 ? Math.PI / 4 : 0;
        for (int i = 0; i < segments; i++) {
            double a = phase + 2 * Math.PI * i / segments;
            base.add(from.plus(u.times(radius * Math.cos(a))).plus(v.times(radius * Math.sin(a))));
        }
        return prism(base, axis, smooth);
    }

    /** Elliptic (or circular) horizontal slab centred at {@code centre}, radii rx (x) and rz (z). */
    public MeshBuilder ellipticSlab(Vec3 centre, double rx, double rz, double thickness, int segments) {
        List<Vec3> base = new ArrayList<>(segments);
        for (int i = 0; i < segments; i++) {
            double a = 2 * Math.PI * i / segments;
            base.add(new Vec3(centre.x() + rx * Math.cos(a), centre.y() - thickness / 2, centre.z() + rz * Math.sin(a)));
        }
        return prism(base, new Vec3(0, thickness, 0), true);
    }

    /**
     * Surface of revolution about the y axis through {@code centre}: the profile polyline of (radius, height)
     * points is revolved; normals are smooth around the axis and flat along each profile segment.
     *
     * @param profile   {r, y} pairs, in order
     * @param materials one material per profile segment (length profile.length - 1), or null for the current
     */
    public MeshBuilder lathe(Vec3 centre, double[][] profile, int segments, Material[] materials) {
        for (int k = 0; k + 1 < profile.length; k++) {
            if (materials != null) {
                material(materials[k]);
            }
            double r0 = profile[k][0];
            double y0 = profile[k][1];
            double r1 = profile[k + 1][0];
            double y1 = profile[k + 1][1];
            double nr = y1 - y0;
            double ny = -(r1 - r0);
            for (int i = 0; i < segments; i++) {
                double a = 2 * Math.PI * i / segments;
                double b = 2 * Math.PI * (i + 1) / segments;
                Vec3 p00 = centre.plus(new Vec3(r0 * Math.cos(a), y0, r0 * Math.sin(a)));
                Vec3 p01 = centre.plus(new Vec3(r0 * Math.cos(b), y0, r0 * Math.sin(b)));
                Vec3 p10 = centre.plus(new Vec3(r1 * Math.cos(a), y1, r1 * Math.sin(a)));
                Vec3 p11 = centre.plus(new Vec3(r1 * Math.cos(b), y1, r1 * Math.sin(b)));
                Vec3 na = new Vec3(nr * Math.cos(a), ny, nr * Math.sin(a));
                Vec3 nb = new Vec3(nr * Math.cos(b), ny, nr * Math.sin(b));
                if (r0 == 0) {
                    triangle(p00, p11, p10, na, nb, na);
                } else if (r1 == 0) {
                    triangle(p00, p01, p10, na, nb, na);
                } else {
                    quad(p00, p01, p11, p10, na, nb, nb, na);
                }
            }
        }
        return this;
    }

    /**
     * Segment of a torus with smooth normals: tube of radius {@code minor} around the circle of radius
     * {@code major} about {@code centre} in the plane spanned by unit vectors {@code u} and {@code v}, from angle
     * {@code start} to {@code end} (radians, measured from u towards v).
     */
    public MeshBuilder torusSegment(Vec3 centre, Vec3 u, Vec3 v, double major, double minor,
                                   double start, double end, int steps, int sides) {
        Vec3 w = u.cross(v).normalized();
        Vec3[][] p = new Vec3[steps + 1][sides];
        Vec3[][] n = new Vec3[steps + 1][sides];
        for (int i = 0; i <= steps; i++) {
            double a = start + (end - start) * i / steps;
            Vec3 radial = u.times(Math.cos(a)).plus(v.times(Math.sin(a)));
            Vec3 ring = centre.plus(radial.times(major));
            for (int j = 0; j < sides; j++) {
                double b = 2 * Math.PI * j / sides;
                Vec3 normal = radial.times(Math.cos(b)).plus(w.times(Math.sin(b)));
                n[i][j] = normal;
                p[i][j] = ring.plus(normal.times(minor));
            }
        }
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < sides; j++) {
                int k = (j + 1) % sides;
                quad(p[i][j], p[i + 1][j], p[i + 1][k], p[i][k], n[i][j], n[i + 1][j], n[i + 1][k], n[i][k]);
            }
        }
        return this;
    }

    /** @return number of triangles added so far */
    public int triangleCount() {
        return materialIndex.size();
    }

    /** @return the mesh converted to the world frame (not yet centred or scaled) */
    public Mesh build() {
        float[] p = toWorld(positions.toArray());
        float[] n = toWorld(normals.toArray());
        int[] m = materialIndex.stream().mapToInt(Integer::intValue).toArray();
        return new Mesh(p, n, m, materials);
    }

    /** Model (x, y, z) to world (z, -y, x): a proper rotation (determinant +1). */
    static float[] toWorld(float[] model) {
        float[] out = new float[model.length];
        for (int i = 0; i < model.length; i += 3) {
            out[i] = model[i + 2];
            out[i + 1] = -model[i + 1];
            out[i + 2] = model[i];
        }
        return out;
    }

    /** Growable float array. */
    static final class FloatList {
        private float[] data = new float[1024];
        private int size;

        void add(double a, double b, double c) {
            if (size + 3 > data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = (float) a;
            data[size++] = (float) b;
            data[size++] = (float) c;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
