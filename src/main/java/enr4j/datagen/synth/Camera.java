package enr4j.datagen.synth;

import enr4j.geometry.Rotations;
import enr4j.geometry.SceneUnits;
import enr4j.geometry.Vec3;

/**
 * Perspective camera on a sphere around the origin, in the model's rotation convention.
 *
 * <p><b>World frame</b> (right-handed): x points towards the camera at azimuth = elevation = 0, y points
 * <em>down</em> (image rows increase with +y), z points to the image's right (columns increase with +z).
 * With {@code Ry(a) = [[cos a, 0, sin a], [0, 1, 0], [-sin a, 0, cos a]]} and
 * {@code Rz(a) = [[cos a, -sin a, 0], [sin a, cos a, 0], [0, 0, 1]]}, the camera orientation is
 * {@code C = Ry(-az) Rz(-el)} (its columns are the camera's local axes in world coordinates) and the camera
 * sits at {@code r C (1, 0, 0) = r (cos el cos az, -sin el, cos el sin az)}: positive elevation puts the
 * camera above the object (negative y), positive azimuth moves it towards +z.
 *
 * <p>A world point p has camera-local coordinates {@code q = C^T p + t} (t = object translation in the
 * camera-local frame). Its depth is {@code d = r - q_x} and it projects to
 * {@code column = cx + f q_z / d}, {@code row = cy + f q_y / d} with {@code cx = cy = size / 2} (pixel centres
 * at half-integers) and {@code f = (size / 2) / tan(fov / 2)}.
 *
 * @param azimuth     degrees
 * @param elevation   degrees
 * @param translation object translation in the camera-local frame
 * @param radius      camera distance from the origin
 * @param fovDegrees  full field of view (horizontal = vertical, square images)
 */
public record Camera(double azimuth, double elevation, Vec3 translation, double radius, double fovDegrees) {

    /** Default camera distance. */
    public static final double DEFAULT_RADIUS = 1.5;

    /** Validates distance and field of view. */
    public Camera {
        if (!(radius > 0) || !(fovDegrees > 0 && fovDegrees < 180)) {
            throw new IllegalArgumentException("invalid camera: radius " + radius + ", fov " + fovDegrees);
        }
    }

    /** @return the field of view (degrees) in which a radius-1 sphere at distance {@code radius} just fits */
    public static double fittingFov(double radius) {
        if (!(radius > 1)) {
            throw new IllegalArgumentException("camera radius must exceed 1 to see the unit sphere, got " + radius);
        }
        return Math.toDegrees(2 * Math.asin(1 / radius));
    }

    /** @return C = Ry(-az) Rz(-el) (the model's own convention, {@link Rotations#camera}), row-major 3 x 3 */
    public double[] orientation() {
        return Rotations.camera(azimuth, elevation).m();
    }

    /** @return world units from the scene volume's centre to its face for this camera: see {@link SceneUnits} */
    public double sceneExtent() {
        return SceneUnits.extent(radius, fovDegrees);
    }

    /** @return camera position r C (1, 0, 0) in world coordinates */
    public Vec3 position() {
        double[] c = orientation();
        return new Vec3(radius * c[0], radius * c[3], radius * c[6]);
    }

    /** @return camera-local coordinates q = C^T p + t of world point p */
    public Vec3 toLocal(Vec3 p) {
        double[] c = orientation();
        return new Vec3(
                c[0] * p.x() + c[3] * p.y() + c[6] * p.z() + translation.x(),
                c[1] * p.x() + c[4] * p.y() + c[7] * p.z() + translation.y(),
                c[2] * p.x() + c[5] * p.y() + c[8] * p.z() + translation.z());
    }

    /** @return focal length in pixels for an image of side {@code size} */
    public double focalPixels(int size) {
        return size / 2.0 / Math.tan(Math.toRadians(fovDegrees) / 2);
    }

    /** @return {column, row, depth} of world point p in an image of side {@code size} */
    public double[] project(Vec3 p, int size) {
        Vec3 q = toLocal(p);
        double d = radius - q.x();
        double f = focalPixels(size);
        return new double[] {size / 2.0 + f * q.z() / d, size / 2.0 + f * q.y() / d, d};
    }
}
