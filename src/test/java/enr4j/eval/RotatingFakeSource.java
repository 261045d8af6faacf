package enr4j.eval;

import enr4j.viz.CameraShift;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in model for viewer and path tests: the "scene" is the input image, and a view is that image rotated in 2D by
 * the azimuth, shifted down by the elevation (in pixels) and moved by the translation shift's y (down) and z (right)
 * in half-images, as a scene extent of 1 would, so different shifts give different pictures. Records calls.
 */
public final class RotatingFakeSource implements NovelViewSource {

    /** The fake's scene handle: just the model-sized input. */
    public record FakeScene(int number, BufferedImage image) implements SceneHandle {
    }

    private final int imageSize;
    public final AtomicInteger inferCalls = new AtomicInteger();
    public final AtomicInteger renderCalls = new AtomicInteger();
    public final List<CameraShift> renderedShifts = new CopyOnWriteArrayList<>();
    public final List<FakeScene> released = new CopyOnWriteArrayList<>();
    public final List<BufferedImage> inferredImages = new CopyOnWriteArrayList<>();
    public final Set<String> callingThreads = ConcurrentHashMap.newKeySet();

    public RotatingFakeSource(int imageSize) {
        this.imageSize = imageSize;
    }

    @Override
    public SceneHandle infer(BufferedImage image) {
        callingThreads.add(Thread.currentThread().getName());
        inferredImages.add(image);
        return new FakeScene(inferCalls.incrementAndGet(), image);
    }

    @Override
    public BufferedImage render(SceneHandle scene, CameraShift shift) {
        callingThreads.add(Thread.currentThread().getName());
        renderCalls.incrementAndGet();
        renderedShifts.add(shift);
        if (released.contains(scene)) {
            throw new IllegalStateException("rendering a released scene");
        }
        BufferedImage source = ((FakeScene) scene).image();
        BufferedImage view = new BufferedImage(imageSize, imageSize, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = view.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            AffineTransform transform = new AffineTransform();
            double halfImage = imageSize / 2.0;
            transform.translate(shift.translation().z() * halfImage,
                    shift.elevation() + shift.translation().y() * halfImage);
            transform.rotate(Math.toRadians(shift.azimuth()), halfImage, halfImage);
            g.drawImage(source, transform, null);
        } finally {
            g.dispose();
        }
        return view;
    }

    @Override
    public void release(SceneHandle scene) {
        callingThreads.add(Thread.currentThread().getName());
        released.add((FakeScene) scene);
    }

    @Override
    public int imageSize() {
        return imageSize;
    }
}
