package enr4j.datagen.blender;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;

/**
 * One view of a Blender job: what Blender needs to render it and the parameters Java records for it.
 *
 * @param png               image file name inside the job's output folder
 * @param params            the view's pose (degrees, camera-frame translation) as written to render_params.json
 * @param cameraMatrixWorld the Blender camera's matrix_world, 4 x 4 row-major ({@link BlenderFrame#cameraMatrixWorld})
 * @param objectLocation    the object's location in Blender coordinates ({@link BlenderFrame#objectLocation})
 */
public record BlenderView(String png, CameraPose params, double[] cameraMatrixWorld, Vec3 objectLocation) {

    /** Validates the matrix size. */
    public BlenderView {
        if (cameraMatrixWorld.length != 16) {
            throw new IllegalArgumentException("camera matrix needs 16 entries, got " + cameraMatrixWorld.length);
        }
        cameraMatrixWorld = cameraMatrixWorld.clone();
    }

    @Override
    public double[] cameraMatrixWorld() {
        return cameraMatrixWorld.clone();
    }
}
