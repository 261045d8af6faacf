package enr4j.eval;

/**
 * An opaque reference to a scene a {@link NovelViewSource} inferred. The viewer never looks inside; implementations
 * typically wrap the scene tensor (which may live in native or GPU memory until
 * {@link NovelViewSource#release(SceneHandle)}).
 */
public interface SceneHandle {
}
