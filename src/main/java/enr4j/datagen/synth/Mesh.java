package enr4j.datagen.synth;

import java.util.List;

/**
 * Triangle soup in the world frame (x towards the camera at az=el=0, y down, z right; see {@link Camera}).
 * Arrays are unindexed: triangle t has corners {@code positions[9t .. 9t+8]} (x, y, z of corners 0, 1, 2),
 * corner normals {@code normals[9t .. 9t+8]} (unit length; orientation is irrelevant because shading is
 * two-sided), and material {@code materials.get(materialIndex[t])}.
 */
public final class Mesh {

    private final float[] positions;
    private final float[] normals;
    private final int[] materialIndex;
    private final List<Material> materials;

    /**
     * @param positions     9 floats per triangle
     * @param normals       9 floats per triangle
     * @param materialIndex one index into {@code materials} per triangle
     * @param materials     material palette
     */
    public Mesh(float[] positions, float[] normals, int[] materialIndex, List<Material> materials) {
        if (positions.length != normals.length || positions.length != 9 * materialIndex.length) {
            throw new IllegalArgumentException("inconsistent mesh arrays: " + positions.length + " positions, "
                    + normals.length + " normals, " + materialIndex.length + " triangles");
        }
        this.positions = positions;
        this.normals = normals;
        this.materialIndex = materialIndex;
        this.materials = List.copyOf(materials);
    }

    /** @return number of triangles */
    public int triangleCount() {
        return materialIndex.length;
    }

    /** @return corner positions, 9 floats per triangle (shared, do not modify) */
    public float[] positions() {
        return positions;
    }

    /** @return corner normals, 9 floats per triangle (shared, do not modify) */
    public float[] normals() {
        return normals;
    }

    /** @return material index of each triangle (shared, do not modify) */
    public int[] materialIndex() {
        return materialIndex;
    }

    /** @return material palette */
    public List<Material> materials() {
        return materials;
    }

    /** @return {minX, minY, minZ, maxX, maxY, maxZ} over all corners */
    public double[] bounds() {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < positions.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                b[a] = Math.min(b[a], positions[i + a]);
                b[a + 3] = Math.max(b[a + 3], positions[i + a]);
            }
        }
        return b;
    }

    /** @return largest distance of a corner from the origin */
    public double maxRadius() {
        double max = 0;
        for (int i = 0; i < positions.length; i += 3) {
            double x = positions[i];
            double y = positions[i + 1];
            double z = positions[i + 2];
            max = Math.max(max, Math.sqrt(x * x + y * y + z * z));
        }
        return max;
    }

    /**
     * @return a copy translated so its bounding-box centre is at the origin and scaled so its farthest corner
     *         lies at distance {@code radius} (1 fits the unit sphere)
     */
    public Mesh fittedToSphere(double radius) {
        if (triangleCount() == 0) {
            return this;
        }
        double[] b = bounds();
        double cx = (b[0] + b[3]) / 2;
        double cy = (b[1] + b[4]) / 2;
        double cz = (b[2] + b[5]) / 2;
        double max = 0;
        for (int i = 0; i < positions.length; i += 3) {
            double dx = positions[i] - cx;
            double dy = positions[i + 1] - cy;
            double dz = positions[i + 2] - cz;
            max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        double scale = max == 0 ? 1 : radius / max;
        float[] out = new float[positions.length];
        for (int i = 0; i < positions.length; i += 3) {
            out[i] = (float) ((positions[i] - cx) * scale);
            out[i + 1] = (float) ((positions[i + 1] - cy) * scale);
            out[i + 2] = (float) ((positions[i + 2] - cz) * scale);
        }
        return new Mesh(out, normals, materialIndex, materials);
    }
}
