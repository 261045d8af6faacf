package enr4j.geometry;

/** A 3-vector of doubles (points, directions, translations). */
public record Vec3(double x, double y, double z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double length() {
        return Math.sqrt(dot(this));
    }

    /** @return this vector scaled to unit length (zero stays zero) */
    public Vec3 normalized() {
        double l = length();
        return l == 0 ? this : times(1 / l);
    }

    /** @return any unit vector perpendicular to this (non-zero) vector */
    public Vec3 anyPerpendicular() {
        Vec3 helper = Math.abs(x) < 0.9 * length() ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        return cross(helper).normalized();
    }

    public double get(int i) {
        return switch (i) {
            case 0 -> x;
            case 1 -> y;
            case 2 -> z;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /** @return true when all three components are zero (either sign) */
    public boolean isZero() {
        return x == 0 && y == 0 && z == 0;
    }

    /** @return this vector with each component rounded to float32 */
    public Vec3 atFloatPrecision() {
        return new Vec3((float) x, (float) y, (float) z);
    }
}
