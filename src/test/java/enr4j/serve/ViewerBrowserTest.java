package enr4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import enr4j.eval.RotatingFakeSource;
import enr4j.eval.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Drives the viewer page in a real headless Chromium: upload, first render, slider and drag, upload errors. */
@Tag("e2e")
class ViewerBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTALL_HINT =
            "the viewer browser test needs Debian's Chromium; install it with: apt-get install -y chromium chromium-driver";
    private static final Path ARTIFACTS = Path.of("target", "viewer-e2e");
    /**
     * Selenium warns that it has no DevTools bindings for this Chromium version; the test uses WebDriver only.
     * Held in fields because java.util.logging keeps loggers weakly.
     */
    private static final Logger DEVTOOLS_LOG = quiet("org.openqa.selenium.devtools");
    private static final Logger CHROMIUM_LOG = quiet("org.openqa.selenium.chromium");

    @TempDir
    Path temp;

    private final RotatingFakeSource source = new RotatingFakeSource(64);
    private ViewerServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startServerAndBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail(INSTALL_HINT + " (missing " + (Files.isExecutable(CHROMIUM) ? CHROMEDRIVER : CHROMIUM) + ")");
        }
        server = ViewerServer.start(source, ViewerConfig.defaults().withPort(0).withMaxUploadBytes(1_000_000));

        // Explicit driver and browser paths keep Selenium Manager from trying to download anything.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1000,800", "--user-data-dir=" + temp.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private WebElement view() {
        return browser.findElement(By.id("view"));
    }

    private void waitForView(String azimuth, String elevation) {
        wait.withMessage(() -> "rendered view never reached azimuth " + azimuth + ", elevation " + elevation
                        + "; status: " + browser.findElement(By.id("status")).getText())
                .until(driver -> azimuth.equals(view().getAttribute("data-azimuth"))
                        && elevation.equals(view().getAttribute("data-elevation")) && view().isDisplayed());
    }

    private BufferedImage screenshotOf(WebElement element) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
    }

    private void saveScreenshot(String name) throws IOException {
        Files.createDirectories(ARTIFACTS);
        Files.write(ARTIFACTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static long differingPixels(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        long count = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void uploadThenRotateWithSliderAndDrag() throws IOException {
        Path picture = temp.resolve("chair.png");
        ImageIO.write(TestImages.pattern(96, 96), "png", picture.toFile());
        browser.get(server.uri().toString());
        assertTrue(browser.getTitle().contains("enr4j"), browser.getTitle());

        browser.findElement(By.id("file")).sendKeys(picture.toAbsolutePath().toString());
        waitForView("0", "0");
        String firstSrc = view().getAttribute("src");
        BufferedImage firstPixels = screenshotOf(view());
        assertEquals(1, source.inferCalls.get());

        WebElement azimuth = browser.findElement(By.id("azimuth"));
        azimuth.click(); // the thumb sits at 0 in the middle; clicking there keeps the value
        new Actions(browser).sendKeys(azimuth, Keys.chord(Keys.ARROW_RIGHT.toString().repeat(30))).perform();
        waitForView(azimuth.getAttribute("value"), "0");
        assertEquals("30°", browser.findElement(By.id("azimuth-value")).getText());
        assertEquals("30", view().getAttribute("data-azimuth"));
        BufferedImage sliderPixels = screenshotOf(view());
        assertNotEquals(firstSrc, view().getAttribute("src"));
        assertTrue(differingPixels(firstPixels, sliderPixels) > 1000, "the view did not change after moving the slider");

        // Drag 80 px right and 40 px up: +40 degrees azimuth, +20 degrees elevation.
        new Actions(browser).moveToElement(browser.findElement(By.id("stage")))
                .clickAndHold().moveByOffset(40, -20).moveByOffset(40, -20).release().perform();
        waitForView("70", "20");
        assertEquals("20°", browser.findElement(By.id("elevation-value")).getText());
        assertTrue(differingPixels(sliderPixels, screenshotOf(view())) > 1000, "the view did not change after dragging");
        assertEquals(1, source.inferCalls.get(), "rotating must not infer the scene again");
        saveScreenshot("viewer.png");
    }

    @Test
    void nonImageUploadShowsTheServersMessage() throws IOException {
        Path text = temp.resolve("notes.txt");
        Files.writeString(text, "this is not a picture");
        browser.get(server.uri().toString());

        browser.findElement(By.id("file")).sendKeys(text.toAbsolutePath().toString());
        WebElement status = browser.findElement(By.id("status"));
        wait.withMessage(() -> "no error shown; status: " + status.getText())
                .until(driver -> status.getAttribute("class").contains("error"));
        assertTrue(status.getText().contains("not an image"), status.getText());
        assertFalse(view().isDisplayed(), "no view may be shown without a scene");
        assertEquals(0, source.inferCalls.get());
        saveScreenshot("viewer-error.png");
    }
}
