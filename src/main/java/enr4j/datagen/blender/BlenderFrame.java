package enr4j.datagen.blender;

import enr4j.datagen.synth.Camera;
import enr4j.geometry.Mat3;
import enr4j.geometry.Vec3;

/**
 * enr4j's world frame expressed in Blender's: the one place where the two conventions meet.
 *
 * <p>enr4j's world (see {@link Camera} and docs/UNITS.md): x toward the camera at azimuth = elevation = 0, y down,
 * z right. Blender: z up, right-handed. A world point p is at {@code b = M p} in Blender with
 * {@code M = [[1,0,0],[0,0,1],[0,-1,0]]} (bx = x, by = z, bz = -y; det +1, a pure rotation).
 *
 * <p>A Blender camera looks along its local -Z with local +Y up and +X right. With c = the columns of
 * {@code C = Rotations.camera(az, el)} (local x = backward, y = image down, z = image right), the Blender camera's
 * world rotation has columns {@code M z_c, M (-y_c), M x_c} and its location is {@code M (r C e_x)}. The view's
 * translation t (camera frame, {@code q = C^T p + t}) places the object at world position {@code C t}, i.e. at
 * {@code M C t} in Blender.
 */
public final class BlenderFrame {

    /** Rotation from enr4j's world frame to Blender's. */
    public static final Mat3 M = Mat3.of(1, 0, 0, 0, 0, 1, 0, -1, 0);

    private BlenderFrame() {
    }

    /** @return world point p in Blender coordinates */
    public static Vec3 toBlender(Vec3 p) {
        return M.times(p);
    }

    /** @return the Blender camera's {@code matrix_world} for this camera, 4 x 4 row-major (16 entries) */
    public static double[] cameraMatrixWorld(Camera camera) {
        Mat3 c = Mat3.of(camera.orientation());
        Vec3 xc = column(c, 0);
        Vec3 yc = column(c, 1);
        Vec3 zc = column(c, 2);
        Vec3 right = M.times(zc);
        Vec3 up = M.times(yc.times(-1));
        Vec3 back = M.times(xc);
        Vec3 position = toBlender(camera.position());
        return new double[] {
            right.x(), up.x(), back.x(), position.x(),
            right.y(), up.y(), back.y(), position.y(),
            right.z(), up.z(), back.z(), position.z(),
            0, 0, 0, 1};
    }

    /** @return where the object's centre goes in Blender: {@code M C t} */
    public static Vec3 objectLocation(Camera camera) {
        Mat3 c = Mat3.of(camera.orientation());
        var t = camera.translation();
        return toBlender(c.times(new Vec3(t.x(), t.y(), t.z())));
    }

    private static Vec3 column(Mat3 m, int j) {
        return new Vec3(m.get(0, j), m.get(1, j), m.get(2, j));
    }
}
