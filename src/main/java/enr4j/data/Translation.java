package enr4j.data;

/**
 * Translation of the object in the camera-local frame, in world units (the object fits the unit
 * sphere). The frame is the one the dataset generators' cameras use: x toward the camera, y down, z right.
 *
 * @param x along the camera-local x axis (towards the camera)
 * @param y along the camera-local y axis (image down)
 * @param z along the camera-local z axis (image right)
 */
public record Translation(float x, float y, float z) {

    /** The zero translation (used when a view has no {@code "translation"} key). */
    public static final Translation ZERO = new Translation(0f, 0f, 0f);

    /** @return true when all three components are exactly zero */
    public boolean isZero() {
        return x == 0f && y == 0f && z == 0f;
    }

    /** @return {x, y, z} */
    public float[] toArray() {
        return new float[] {x, y, z};
    }
}
