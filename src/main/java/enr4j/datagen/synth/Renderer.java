package enr4j.datagen.synth;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Software rasteriser: perspective projection ({@link Camera}), z-buffer, perspective-correct barycentric
 * interpolation, two-sided Lambert diffuse + Blinn-Phong specular shading with an ambient term, supersampling
 * anti-aliasing with a box downsample.
 *
 * <p><b>Lights</b> (directions towards the light, in the world frame when lights are world-fixed, or in the
 * camera-local frame when {@link RenderSettings#lightsFollowCamera()}; both frames coincide at az=el=0):
 * key (0.5, -0.8, 0.35) intensity 0.7 (front, above, right), fill (0.6, 0.1, -0.8) intensity 0.3 (front,
 * left), rim (-0.8, -0.4, 0.2) intensity 0.25 (behind, above); ambient 0.25. Colours are clamped to [0, 1]
 * and written without gamma.
 *
 * <p>Triangles with a corner closer than {@value #NEAR} to the camera plane are skipped (no clipping).
 * One instance keeps its buffers between calls and is not thread-safe; use one per thread.
 */
public final class Renderer {

    /** Minimum depth of a rendered triangle corner. */
    public static final double NEAR = 0.05;

    private static final double[][] LIGHT_DIRECTIONS = {
        normalize(0.5, -0.8, 0.35), normalize(0.6, 0.1, -0.8), normalize(-0.8, -0.4, 0.2)};
    private static final double[] LIGHT_INTENSITIES = {0.7, 0.3, 0.25};
    private static final double AMBIENT = 0.25;

    /** Bytes of the buffers per supersample: inverse depth, triangle index and two barycentric weights. */
    static final int BYTES_PER_SAMPLE = 16;

    private float[] inverseDepth = new float[0];
    private int[] triangle = new int[0];
    private float[] weight1 = new float[0];
    private float[] weight2 = new float[0];

    private static double[] normalize(double x, double y, double z) {
        double l = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / l, y / l, z / l};
    }

    /** @return the rendered image: TYPE_INT_ARGB for a transparent background, else TYPE_INT_RGB */
    public BufferedImage render(Mesh mesh, Camera camera, RenderSettings settings) {
        int[] argb = renderArgb(mesh, camera, settings);
        int size = settings.size();
        boolean transparent = settings.background().transparent();
        BufferedImage image = new BufferedImage(size, size,
                transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, size, size, argb, 0, size);
        return image;
    }

    /** @return packed ARGB pixels, size x size, row-major (alpha 255 unless the background is transparent) */
    public int[] renderArgb(Mesh mesh, Camera camera, RenderSettings settings) {
        int ss = settings.supersampling();
        int w = settings.size() * ss;
        int samples = w * w;
        ensureCapacity(samples);
        java.util.Arrays.fill(inverseDepth, 0, samples, 0f);
        java.util.Arrays.fill(triangle, 0, samples, -1);

        double[] c = camera.orientation();
        int corners = mesh.triangleCount() * 3;
        float[] local = new float[corners * 3];
        float[] screen = new float[corners * 3]; // column, row, 1/depth
        toScreen(mesh.positions(), camera, c, w, local, screen);
        for (int t = 0; t < mesh.triangleCount(); t++) {
            rasterise(t, screen, w);
        }
        return shadeAndResolve(mesh, camera, c, settings, local);
    }

    private void ensureCapacity(int samples) {
        if (inverseDepth.length < samples) {
            inverseDepth = new float[samples];
            triangle = new int[samples];
            weight1 = new float[samples];
            weight2 = new float[samples];
        }
    }

    private static void toScreen(float[] p, Camera camera, double[] c, int w, float[] local, float[] screen) {
        double f = camera.focalPixels(w);
        double half = w / 2.0;
        double r = camera.radius();
        double tx = camera.translation().x();
        double ty = camera.translation().y();
        double tz = camera.translation().z();
        for (int i = 0; i < p.length; i += 3) {
            double qx = c[0] * p[i] + c[3] * p[i + 1] + c[6] * p[i + 2] + tx;
            double qy = c[1] * p[i] + c[4] * p[i + 1] + c[7] * p[i + 2] + ty;
            double qz = c[2] * p[i] + c[5] * p[i + 1] + c[8] * p[i + 2] + tz;
            local[i] = (float) qx;
            local[i + 1] = (float) qy;
            local[i + 2] = (float) qz;
            double d = r - qx;
            if (d < NEAR) {
                screen[i + 2] = Float.NaN;
                continue;
            }
            screen[i] = (float) (half + f * qz / d);
            screen[i + 1] = (float) (half + f * qy / d);
            screen[i + 2] = (float) (1 / d);
        }
    }

    private void rasterise(int t, float[] screen, int w) {
        int o = 9 * t;
        float x0 = screen[o];
        float y0 = screen[o + 1];
        float i0 = screen[o + 2];
        float x1 = screen[o + 3];
        float y1 = screen[o + 4];
        float i1 = screen[o + 5];
        float x2 = screen[o + 6];
        float y2 = screen[o + 7];
        float i2 = screen[o + 8];
        if (Float.isNaN(i0) || Float.isNaN(i1) || Float.isNaN(i2)) {
            return;
        }
        float area = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0);
        if (area == 0 || Float.isNaN(area)) {
            return;
        }
        float invArea = 1f / area;
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, Math.min(x1, x2)) - 0.5f));
        int maxX = Math.min(w - 1, (int) Math.ceil(Math.max(x0, Math.max(x1, x2)) - 0.5f));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, Math.min(y1, y2)) - 0.5f));
        int maxY = Math.min(w - 1, (int) Math.ceil(Math.max(y0, Math.max(y1, y2)) - 0.5f));
        for (int y = minY; y <= maxY; y++) {
            float py = y + 0.5f;
            for (int x = minX; x <= maxX; x++) {
                float px = x + 0.5f;
                float b0 = ((x1 - px) * (y2 - py) - (y1 - py) * (x2 - px)) * invArea;
                float b1 = ((x2 - px) * (y0 - py) - (y2 - py) * (x0 - px)) * invArea;
                float b2 = 1f - b0 - b1;
                if (b0 < 0 || b1 < 0 || b2 < 0) {
                    continue;
                }
                float inv = b0 * i0 + b1 * i1 + b2 * i2;
                int s = y * w + x;
                if (inv > inverseDepth[s]) {
                    inverseDepth[s] = inv;
                    triangle[s] = t;
                    weight1[s] = b1 * i1 / inv;
                    weight2[s] = b2 * i2 / inv;
                }
            }
        }
    }

    private int[] shadeAndResolve(Mesh mesh, Camera camera, double[] c, RenderSettings settings, float[] local) {
        int ss = settings.supersampling();
        int size = settings.size();
        int w = size * ss;
        double[][] lights = new double[LIGHT_DIRECTIONS.length][];
        for (int l = 0; l < lights.length; l++) {
            double[] d = LIGHT_DIRECTIONS[l];
            lights[l] = settings.lightsFollowCamera() ? d : new double[] {
                c[0] * d[0] + c[3] * d[1] + c[6] * d[2],
                c[1] * d[0] + c[4] * d[1] + c[7] * d[2],
                c[2] * d[0] + c[5] * d[1] + c[8] * d[2]};
        }
        float[] normals = mesh.normals();
        float[] positions = mesh.positions();
        int[] materialIndex = mesh.materialIndex();
        List<Material> materials = mesh.materials();
        double radius = camera.radius();
        Background bg = settings.background();
        int[] out = new int[size * size];
        double[] rgb = new double[3];
        double[] n = new double[3];
        for (int py = 0; py < size; py++) {
            for (int px = 0; px < size; px++) {
                double sr = 0;
                double sg = 0;
                double sb = 0;
                int covered = 0;
                for (int dy = 0; dy < ss; dy++) {
                    for (int dx = 0; dx < ss; dx++) {
                        int s = (py * ss + dy) * w + px * ss + dx;
                        int t = triangle[s];
                        if (t < 0) {
                            continue;
                        }
                        covered++;
                        double u1 = weight1[s];
                        double u2 = weight2[s];
                        double u0 = 1 - u1 - u2;
                        int o = 9 * t;
                        if (settings.smoothShading()) {
                            for (int a = 0; a < 3; a++) {
                                n[a] = u0 * normals[o + a] + u1 * normals[o + 3 + a] + u2 * normals[o + 6 + a];
                            }
                        } else {
                            faceNormal(positions, o, n);
                        }
                        double nx = c[0] * n[0] + c[3] * n[1] + c[6] * n[2];
                        double ny = c[1] * n[0] + c[4] * n[1] + c[7] * n[2];
                        double nz = c[2] * n[0] + c[5] * n[1] + c[8] * n[2];
                        double qx = u0 * local[o] + u1 * local[o + 3] + u2 * local[o + 6];
                        double qy = u0 * local[o + 1] + u1 * local[o + 4] + u2 * local[o + 7];
                        double qz = u0 * local[o + 2] + u1 * local[o + 5] + u2 * local[o + 8];
                        shade(nx, ny, nz, radius - qx, -qy, -qz, lights, materials.get(materialIndex[t]), rgb);
                        sr += rgb[0];
                        sg += rgb[1];
                        sb += rgb[2];
                    }
                }
                out[py * size + px] = resolve(sr, sg, sb, covered, ss * ss, bg);
            }
        }
        return out;
    }

    private static void faceNormal(float[] p, int o, double[] n) {
        double ax = p[o + 3] - p[o];
        double ay = p[o + 4] - p[o + 1];
        double az = p[o + 5] - p[o + 2];
        double bx = p[o + 6] - p[o];
        double by = p[o + 7] - p[o + 1];
        double bz = p[o + 8] - p[o + 2];
        n[0] = ay * bz - az * by;
        n[1] = az * bx - ax * bz;
        n[2] = ax * by - ay * bx;
    }

    /** Two-sided Blinn-Phong in the camera-local frame; (vx, vy, vz) points from the surface to the camera. */
    private static void shade(double nx, double ny, double nz, double vx, double vy, double vz,
                              double[][] lights, Material m, double[] rgb) {
        double nl = Math.sqrt(nx * nx + ny * ny + nz * nz);
        double vl = Math.sqrt(vx * vx + vy * vy + vz * vz);
        if (nl == 0) {
            nl = 1;
        }
        nx /= nl;
        ny /= nl;
        nz /= nl;
        vx /= vl;
        vy /= vl;
        vz /= vl;
        if (nx * vx + ny * vy + nz * vz < 0) {
            nx = -nx;
            ny = -ny;
            nz = -nz;
        }
        double diffuse = AMBIENT;
        double specular = 0;
        for (int l = 0; l < lights.length; l++) {
            double[] d = lights[l];
            double ndotl = nx * d[0] + ny * d[1] + nz * d[2];
            if (ndotl <= 0) {
                continue;
            }
            diffuse += LIGHT_INTENSITIES[l] * ndotl;
            if (m.specular() > 0) {
                double hx = d[0] + vx;
                double hy = d[1] + vy;
                double hz = d[2] + vz;
                double hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
                double ndoth = (nx * hx + ny * hy + nz * hz) / hl;
                if (ndoth > 0) {
                    specular += LIGHT_INTENSITIES[l] * Math.pow(ndoth, m.shininess());
                }
            }
        }
        double s = m.specular() * specular;
        rgb[0] = Math.min(1, m.red() * diffuse + s);
        rgb[1] = Math.min(1, m.green() * diffuse + s);
        rgb[2] = Math.min(1, m.blue() * diffuse + s);
    }

    private static int resolve(double sr, double sg, double sb, int covered, int total, Background bg) {
        if (bg.transparent()) {
            if (covered == 0) {
                return 0;
            }
            int alpha = (int) Math.round(255.0 * covered / total);
            return (alpha << 24) | (to8(sr / covered) << 16) | (to8(sg / covered) << 8) | to8(sb / covered);
        }
        int empty = total - covered;
        double r = (sr + empty * bg.red() / 255.0) / total;
        double g = (sg + empty * bg.green() / 255.0) / total;
        double b = (sb + empty * bg.blue() / 255.0) / total;
        return 0xFF000000 | (to8(r) << 16) | (to8(g) << 8) | to8(b);
    }

    private static int to8(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
