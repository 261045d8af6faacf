package enr4j.data;

/**
 * Address of one image in a dataset.
 *
 * @param scene scene index (scenes sorted by folder name)
 * @param view  view index within the scene (views sorted by file name)
 */
public record ViewIndex(int scene, int view) {
}
