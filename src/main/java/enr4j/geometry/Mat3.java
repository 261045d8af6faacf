package enr4j.geometry;

import java.util.Arrays;

/**
 * An immutable 3x3 matrix of doubles, row-major.
 *
 * @param m the nine entries {@code m[3 * row + col]}
 */
public record Mat3(double[] m) {
    public Mat3 {
        if (m.length != 9) {
            throw new IllegalArgumentException("a 3x3 matrix needs 9 entries, got " + m.length);
        }
        m = m.clone();
    }

    public static Mat3 of(double... rowMajor) {
        return new Mat3(rowMajor);
    }

    public static Mat3 identity() {
        return of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    public double get(int row, int col) {
        return m[3 * row + col];
    }

    public Mat3 times(Mat3 o) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += get(i, k) * o.get(k, j);
                }
                r[3 * i + j] = s;
            }
        }
        return new Mat3(r);
    }

    public Vec3 times(Vec3 v) {
        return new Vec3(
                get(0, 0) * v.x() + get(0, 1) * v.y() + get(0, 2) * v.z(),
                get(1, 0) * v.x() + get(1, 1) * v.y() + get(1, 2) * v.z(),
                get(2, 0) * v.x() + get(2, 1) * v.y() + get(2, 2) * v.z());
    }

    public Mat3 transpose() {
        return of(m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]);
    }

    /** @return the largest absolute entry-wise difference to {@code o}. */
    public double maxAbsDiff(Mat3 o) {
        double d = 0;
        for (int i = 0; i < 9; i++) {
            d = Math.max(d, Math.abs(m[i] - o.m[i]));
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mat3 other && Arrays.equals(m, other.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Mat3" + Arrays.toString(m);
    }
}
