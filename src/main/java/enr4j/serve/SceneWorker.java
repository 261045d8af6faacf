package enr4j.serve;

import enr4j.eval.NovelViewSource;
import enr4j.eval.SceneHandle;
import enr4j.viz.CameraShift;
import java.awt.image.BufferedImage;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link NovelViewSource} call on one thread and keeps the inferred scenes in a least-recently-used cache
 * confined to that thread, so a scene can never be released while it is being rendered.
 */
final class SceneWorker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SceneWorker.class.getName());

    private final NovelViewSource source;
    private final ExecutorService thread;
    private final SecureRandom random = new SecureRandom();
    /** Accessed only on {@link #thread}. Access-ordered: the eldest entry is the least recently used scene. */
    private final LinkedHashMap<String, SceneHandle> scenes;

    SceneWorker(NovelViewSource source, int maxScenes) {
        this.source = source;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "enr-viewer-model");
            t.setDaemon(true);
            return t;
        });
        this.scenes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SceneHandle> eldest) {
                if (size() <= maxScenes) {
                    return false;
                }
                releaseQuietly(eldest.getValue());
                return true;
            }
        };
    }

    /** Infers the scene of a model-sized image; completes with the new scene's id. */
    CompletableFuture<String> infer(BufferedImage image) {
        return CompletableFuture.supplyAsync(() -> {
            SceneHandle scene = source.infer(image);
            String id = HexFormat.of().formatHex(nextIdBytes());
            scenes.put(id, scene);
            return id;
        }, thread);
    }

    /** Renders a kept scene; completes empty when the id is unknown or its scene was evicted. */
    CompletableFuture<Optional<BufferedImage>> render(String sceneId, CameraShift shift) {
        return CompletableFuture.supplyAsync(() -> {
            SceneHandle scene = scenes.get(sceneId);
            return scene == null ? Optional.empty() : Optional.of(source.render(scene, shift));
        }, thread);
    }

    /** Releases every kept scene and stops the thread, waiting up to the timeout for running calls. */
    @Override
    public void close() {
        thread.execute(() -> {
            scenes.values().forEach(this::releaseQuietly);
            scenes.clear();
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "model thread still busy after 30 s; scenes may not be released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] nextIdBytes() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return bytes;
    }

    private void releaseQuietly(SceneHandle scene) {
        try {
            source.release(scene);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "releasing a scene failed", e);
        }
    }
}
