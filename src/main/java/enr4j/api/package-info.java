/**
 * The public Java API of enr4j: load a trained model, infer the 3D scene shown in one image, render it from new
 * cameras; and train a model from a config file.
 *
 * <pre>{@code
 * NovelViews model = NovelViews.load(Path.of("model.zip"));
 * try (Scene scene = model.infer(ImageIO.read(new File("chair.png")))) {
 *     BufferedImage side = scene.render(new CameraPose(90, 10));
 * }
 * }</pre>
 *
 * <p>The types of this package, and the records they take or return ({@link enr4j.geometry.CameraPose},
 * {@link enr4j.geometry.Vec3}), are the stable surface: their signatures change only with a new major version.
 * Every other package of enr4j is internal and may change in any release.
 *
 * <p>Threads: a {@link enr4j.api.NovelViews} and its scenes are used from one thread at a time (libtorch's
 * inference guards are per thread); separate instances may run on separate threads.
 */
package enr4j.api;
