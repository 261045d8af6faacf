package enr4j.serve;

import enr4j.data.ImageInput;
import enr4j.data.ImageInputException;
import enr4j.viz.CameraShift;
import enr4j.viz.Images;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;

/**
 * The viewer's JSON/PNG API.
 * <ul>
 *   <li>{@code POST /api/scene}, body = image file: 201 {@code {"scene": id, "imageSize": n}}; 413 when too large,
 *       415 when not an image.</li>
 *   <li>{@code GET /api/render?scene=ID&azimuth=A&elevation=E} (degrees, shifts from the source view): 200 PNG; 400 for
 *       bad parameters, 404 when the scene is unknown or was evicted.</li>
 * </ul>
 * Errors are {@code {"error": "one line"}}.
 */
final class SceneApi {

    private static final System.Logger LOG = System.getLogger(SceneApi.class.getName());

    private final SceneWorker worker;
    private final int imageSize;
    private final ImageInput input;
    private final long maxUploadBytes;
    private final Duration modelTimeout;

    SceneApi(SceneWorker worker, ImageInput input, long maxUploadBytes, Duration modelTimeout) {
        this.worker = worker;
        this.imageSize = input.size();
        this.input = input;
        this.maxUploadBytes = maxUploadBytes;
        this.modelTimeout = modelTimeout;
    }

    void createScene(Exchange exchange) throws IOException {
        HttpExchanges.requireMethod(exchange, "POST");
        byte[] body = HttpExchanges.readBody(exchange, maxUploadBytes);
        BufferedImage modelInput;
        try {
            modelInput = input.read(body, "the upload");
        } catch (ImageInputException e) {
            throw new HttpError(e.tooLarge() ? 413 : body.length == 0 ? 400 : 415, e.getMessage());
        }
        String sceneId = await(worker.infer(modelInput), "inferring the scene");
        HttpExchanges.sendJson(exchange, 201, Map.of("scene", sceneId, "imageSize", imageSize));
    }

    void render(Exchange exchange) throws IOException {
        HttpExchanges.requireMethod(exchange, "GET");
        Map<String, String> query = HttpExchanges.queryParameters(exchange);
        String sceneId = query.get("scene");
        if (sceneId == null || sceneId.isBlank()) {
            throw new HttpError(400, "missing scene parameter: upload an image first");
        }
        double azimuth = angle(query, "azimuth");
        double elevation = angle(query, "elevation");
        Optional<BufferedImage> view = await(worker.render(sceneId, new CameraShift(azimuth, elevation)),
                "rendering the view");
        if (view.isEmpty()) {
            throw new HttpError(404, "scene " + sceneId + " is unknown or was evicted: upload the image again");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(Images.toRgb(view.get()), "png", png);
        HttpExchanges.send(exchange, 200, "image/png", png.toByteArray());
    }

    private static double angle(Map<String, String> query, String name) {
        String text = query.get(name);
        if (text == null) {
            throw new HttpError(400, "missing " + name + " parameter (degrees)");
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new HttpError(400, name + " must be a finite number of degrees, got '" + text + "'");
    }

    private <T> T await(CompletableFuture<T> call, String what) {
        try {
            return call.get(modelTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HttpError(503, "the model took longer than " + modelTimeout.toSeconds() + " s " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "the server is shutting down");
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.ERROR, "model failed " + what, e.getCause());
            throw new HttpError(500, "the model failed " + what + ": " + e.getCause());
        }
    }
}
