package enr4j.datagen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.Vec3;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RendererTest {

    private static final int SIZE = 24;
    private static final Camera FRONT = new Camera(0, 0, Vec3.ZERO, 1.5, Camera.fittingFov(1.5));

    @Test
    void nearSquareOccludesFarSquareRegardlessOfOrder() {
        RenderSettings settings = new RenderSettings(SIZE, 1, Background.BLACK, true, true);
        Mesh nearFirst = new WorldMeshes.Soup()
                .squareFacingX(0.5, 0, 0, 0.2, WorldMeshes.RED)
                .squareFacingX(-0.5, 0, 0, 0.8, WorldMeshes.BLUE).mesh();
        Mesh farFirst = new WorldMeshes.Soup()
                .squareFacingX(-0.5, 0, 0, 0.8, WorldMeshes.BLUE)
                .squareFacingX(0.5, 0, 0, 0.2, WorldMeshes.RED).mesh();
        for (Mesh mesh : new Mesh[] {nearFirst, farFirst}) {
            int[] argb = new Renderer().renderArgb(mesh, FRONT, settings);
            int centre = argb[(SIZE / 2) * SIZE + SIZE / 2];
            assertTrue(((centre >> 16) & 0xFF) > 100 && (centre & 0xFF) == 0, "centre is red: " + Integer.toHexString(centre));
            int corner = argb[(SIZE / 2 - 4) * SIZE + SIZE / 2 - 4]; // inside blue (5.4 px), outside red (2.7 px)
            assertTrue((corner & 0xFF) > 100 && ((corner >> 16) & 0xFF) == 0, "blue around: " + Integer.toHexString(corner));
            assertEquals(0xFF000000, argb[0], "background corner");
        }
    }

    @Test
    void transparentBackgroundHasZeroAlphaAndPartialCoverageAtEdges() {
        RenderSettings settings = new RenderSettings(SIZE, 4, Background.TRANSPARENT, true, true);
        Mesh mesh = new WorldMeshes.Soup().squareFacingX(0, 0, 0, 0.3, WorldMeshes.GREY).mesh(); // edge at 2.68 px off centre
        BufferedImage image = new Renderer().render(mesh, FRONT, settings);
        assertTrue(image.getColorModel().hasAlpha());
        assertEquals(0, image.getRGB(0, 0) >>> 24);
        assertEquals(255, image.getRGB(SIZE / 2, SIZE / 2) >>> 24);
        boolean partial = false;
        for (int x = 0; x < SIZE; x++) {
            int a = image.getRGB(x, SIZE / 2) >>> 24;
            partial |= a > 0 && a < 255;
        }
        assertTrue(partial, "anti-aliased edge has partial alpha");
    }

    @Test
    void worldLightsShadeTheSameFaceDifferentlyFromCameraLights() {
        Mesh mesh = new WorldMeshes.Soup().squareFacingX(0, 0, 0, 0.3, WorldMeshes.GREY).mesh();
        Camera tilted = new Camera(60, 0, Vec3.ZERO, 1.5, Camera.fittingFov(1.5));
        int world = new Renderer().renderArgb(mesh, tilted, new RenderSettings(SIZE, 1, Background.BLACK, false, true))
                [SIZE / 2 * SIZE + SIZE / 2];
        int follow = new Renderer().renderArgb(mesh, tilted, new RenderSettings(SIZE, 1, Background.BLACK, true, true))
                [SIZE / 2 * SIZE + SIZE / 2];
        assertTrue(world != follow, "lighting frame changes shading");
    }

    @Test
    void parsesBackgrounds() {
        assertEquals(new Background(255, 128, 0, false), Background.parse("#ff8000"));
        assertEquals(Background.TRANSPARENT, Background.parse("Transparent"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(enr4j.data.DatasetException.class,
                () -> Background.parse("mauve")).getMessage().contains("mauve"));
    }
}
