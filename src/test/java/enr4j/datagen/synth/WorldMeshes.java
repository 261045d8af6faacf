package enr4j.datagen.synth;

import java.util.ArrayList;
import java.util.List;

/** Meshes built directly in world coordinates for renderer tests. */
final class WorldMeshes {

    private WorldMeshes() {
    }

    static final Material RED = new Material(1, 0, 0, 0, 1);
    static final Material GREEN = new Material(0, 1, 0, 0, 1);
    static final Material BLUE = new Material(0, 0, 1, 0, 1);
    static final Material GREY = new Material(0.5f, 0.5f, 0.5f, 0, 1);

    /** Accumulates world-frame triangles. */
    static final class Soup {
        final List<float[]> triangles = new ArrayList<>();
        final List<Integer> mats = new ArrayList<>();
        final List<Material> palette = new ArrayList<>();

        Soup cube(double cx, double cy, double cz, double half, Material m) {
            int mi = palette.indexOf(m);
            if (mi < 0) {
                palette.add(m);
                mi = palette.size() - 1;
            }
            double[][] v = new double[8][];
            for (int i = 0; i < 8; i++) {
                v[i] = new double[] {cx + ((i & 1) == 0 ? -half : half), cy + ((i & 2) == 0 ? -half : half),
                    cz + ((i & 4) == 0 ? -half : half)};
            }
            int[][] faces = {{0, 1, 3, 2}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 3, 7, 5}};
            for (int[] f : faces) {
                add(v[f[0]], v[f[1]], v[f[2]], mi);
                add(v[f[0]], v[f[2]], v[f[3]], mi);
            }
            return this;
        }

        /** Square in the plane x = const (facing the camera at az = el = 0). */
        Soup squareFacingX(double x, double cy, double cz, double half, Material m) {
            int mi = palette.indexOf(m);
            if (mi < 0) {
                palette.add(m);
                mi = palette.size() - 1;
            }
            double[] a = {x, cy - half, cz - half};
            double[] b = {x, cy - half, cz + half};
            double[] c = {x, cy + half, cz + half};
            double[] d = {x, cy + half, cz - half};
            add(a, b, c, mi);
            add(a, c, d, mi);
            return this;
        }

        private void add(double[] a, double[] b, double[] c, int material) {
            float[] t = new float[9];
            for (int k = 0; k < 3; k++) {
                t[k] = (float) a[k];
                t[3 + k] = (float) b[k];
                t[6 + k] = (float) c[k];
            }
            triangles.add(t);
            mats.add(material);
        }

        Mesh mesh() {
            float[] p = new float[triangles.size() * 9];
            float[] n = new float[p.length];
            for (int i = 0; i < triangles.size(); i++) {
                float[] t = triangles.get(i);
                System.arraycopy(t, 0, p, 9 * i, 9);
                double ux = t[3] - t[0];
                double uy = t[4] - t[1];
                double uz = t[5] - t[2];
                double vx = t[6] - t[0];
                double vy = t[7] - t[1];
                double vz = t[8] - t[2];
                float nx = (float) (uy * vz - uz * vy);
                float ny = (float) (uz * vx - ux * vz);
                float nz = (float) (ux * vy - uy * vx);
                for (int k = 0; k < 3; k++) {
                    n[9 * i + 3 * k] = nx;
                    n[9 * i + 3 * k + 1] = ny;
                    n[9 * i + 3 * k + 2] = nz;
                }
            }
            return new Mesh(p, n, mats.stream().mapToInt(Integer::intValue).toArray(), palette);
        }
    }

    /** @return {mean column, mean row, count} of pixels where the given channel dominates */
    static double[] centroid(int[] argb, int size, int channel) {
        double sx = 0;
        double sy = 0;
        int count = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = argb[y * size + x];
                int[] c = {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
                int other1 = c[(channel + 1) % 3];
                int other2 = c[(channel + 2) % 3];
                if (c[channel] > 60 && c[channel] > 2 * other1 + 20 && c[channel] > 2 * other2 + 20) {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    count++;
                }
            }
        }
        return new double[] {sx / Math.max(1, count), sy / Math.max(1, count), count};
    }
}
