package enr4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import enr4j.eval.RotatingFakeSource;
import enr4j.eval.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ViewerServerTest {

    private static final int MODEL_SIZE = 32;
    private static final JsonMapper JSON = new JsonMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RotatingFakeSource source = new RotatingFakeSource(MODEL_SIZE);
    private ViewerServer server;

    private ViewerServer start(ViewerConfig config) {
        server = ViewerServer.start(source, config);
        return server;
    }

    private ViewerServer start() {
        return start(ViewerConfig.defaults().withPort(0).withMaxUploadBytes(50_000));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> upload(byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri().resolve("api/scene"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String uploadScene(BufferedImage image) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = upload(TestImages.png(image));
        assertEquals(201, response.statusCode(), new String(response.body()));
        return JSON.readTree(response.body()).get("scene").asText();
    }

    private HttpResponse<byte[]> render(String scene, String azimuth, String elevation)
            throws IOException, InterruptedException {
        return get("api/render?scene=" + scene + "&azimuth=" + azimuth + "&elevation=" + elevation);
    }

    private static String errorOf(HttpResponse<byte[]> response) throws IOException {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        return body.get("error").asText();
    }

    @Test
    void bindsToLoopbackByDefault() {
        start();
        assertEquals("127.0.0.1", ViewerConfig.defaults().host());
        assertEquals("127.0.0.1", server.uri().getHost());
        assertEquals(server.port(), server.uri().getPort());
    }

    @Test
    void servesOnlyThePageFiles() throws Exception {
        start();
        HttpResponse<byte[]> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(new String(page.body()).contains("<title>"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals(200, get("app.js").statusCode());
        assertEquals(200, get("style.css").statusCode());
        assertEquals(404, get("ViewerServer.class").statusCode());
        assertEquals(404, get("%2e%2e/%2e%2e/pom.xml").statusCode());
    }

    @Test
    void infersOnceAndRendersManyViewsOnOneThread() throws Exception {
        start();
        String scene = uploadScene(TestImages.pattern(120, 80));

        HttpResponse<byte[]> front = render(scene, "0", "0");
        HttpResponse<byte[]> turned = render(scene, "90", "0");
        HttpResponse<byte[]> tilted = render(scene, "0", "-7.5");

        for (HttpResponse<byte[]> view : new HttpResponse[] {front, turned, tilted}) {
            assertEquals(200, view.statusCode());
            assertEquals("image/png", view.headers().firstValue("Content-Type").orElseThrow());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(view.body()));
            assertEquals(MODEL_SIZE, image.getWidth());
            assertEquals(MODEL_SIZE, image.getHeight());
        }
        assertFalse(Arrays.equals(front.body(), turned.body()), "azimuth 90 should look different");
        assertFalse(Arrays.equals(front.body(), tilted.body()), "elevation shift should look different");
        assertEquals(1, source.inferCalls.get());
        assertEquals(3, source.renderCalls.get());
        assertEquals(Set.of("enr-viewer-model"), source.callingThreads);
    }

    @Test
    void centreCropsAndResizesUploadsToModelSize() throws Exception {
        start();
        uploadScene(TestImages.pattern(120, 80));
        BufferedImage modelInput = source.inferredImages.get(0);
        assertEquals(MODEL_SIZE, modelInput.getWidth());
        assertEquals(MODEL_SIZE, modelInput.getHeight());
        // the 80 x 80 centre crop starts at x = 20, so the red block (x 15..55) touches its left edge
        assertEquals(0xFF0000, modelInput.getRGB(1, MODEL_SIZE / 4) & 0xFFFFFF);
    }

    @Test
    void compositesTransparentUploadsOntoTheConfiguredBackground() throws Exception {
        start();
        uploadScene(new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB)); // every pixel clear
        assertEquals(0xFFFFFF, source.inferredImages.get(0).getRGB(MODEL_SIZE / 2, MODEL_SIZE / 2) & 0xFFFFFF);
        server.close();

        start(ViewerConfig.defaults().withPort(0).withBackground(0x102030));
        uploadScene(new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB));
        assertEquals(0x102030, source.inferredImages.get(1).getRGB(MODEL_SIZE / 2, MODEL_SIZE / 2) & 0xFFFFFF);
    }

    @Test
    void rejectsOversizedUploadsWith413() throws Exception {
        start();
        byte[] big = new byte[200_000];
        new Random(1).nextBytes(big);
        HttpResponse<byte[]> response = upload(big);
        assertEquals(413, response.statusCode());
        assertTrue(errorOf(response).contains("too large"), errorOf(response));
        assertEquals(0, source.inferCalls.get());
    }

    @Test
    void rejectsNonImagesWith415AndEmptyBodiesWith400() throws Exception {
        start();
        HttpResponse<byte[]> text = upload("definitely not a picture".getBytes());
        assertEquals(415, text.statusCode());
        assertTrue(errorOf(text).contains("not an image"), errorOf(text));
        assertEquals(400, upload(new byte[0]).statusCode());
        assertEquals(0, source.inferCalls.get());
    }

    @Test
    void rejectsBadRenderRequests() throws Exception {
        start();
        String scene = uploadScene(TestImages.pattern(40, 40));
        assertEquals(404, render("0123456789abcdef01234567", "0", "0").statusCode());
        HttpResponse<byte[]> badAngle = render(scene, "left", "0");
        assertEquals(400, badAngle.statusCode());
        assertTrue(errorOf(badAngle).contains("azimuth"), errorOf(badAngle));
        assertEquals(400, render(scene, "NaN", "0").statusCode());
        assertEquals(400, get("api/render?azimuth=0&elevation=0").statusCode());
        assertEquals(405, get("api/scene").statusCode());
    }

    @Test
    void evictsLeastRecentlyUsedScenesAndReleasesThem() throws Exception {
        start(ViewerConfig.defaults().withPort(0).withMaxScenes(2));
        String first = uploadScene(TestImages.pattern(40, 40));
        String second = uploadScene(TestImages.pattern(50, 40));
        assertEquals(200, render(first, "10", "0").statusCode()); // first is now the most recently used
        String third = uploadScene(TestImages.pattern(60, 40));

        assertEquals(1, source.released.size());
        assertEquals(2, source.released.get(0).number(), "the least recently used scene is the second upload");
        assertEquals(404, render(second, "0", "0").statusCode());
        assertEquals(200, render(first, "0", "0").statusCode());
        assertEquals(200, render(third, "0", "0").statusCode());
        assertNotEquals(first, third);

        server.close();
        server = null;
        assertEquals(3, source.released.size(), "closing releases the scenes still kept");
    }

    @Test
    void closingStopsTheServer() throws Exception {
        start();
        URI uri = server.uri();
        server.close();
        server = null;
        try {
            http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("server still answers after close");
        } catch (IOException expected) {
            // connection refused
        }
    }
}
