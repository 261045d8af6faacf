package enr4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Torch;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, compiled from the README's own text and run on a tiny model, so it cannot rot. */
@Tag("fast")
class ReadmeExampleTest {
    private static final Pattern BLOCK = Pattern.compile("## Java API.*?```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public class (\\w+)");

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleCompilesAndRendersFourViews() throws Exception {
        String code = readmeExample();
        assertTrue(code.lines().count() <= 20, "the README example should stay short:\n" + code);
        Matcher name = CLASS.matcher(code);
        assertTrue(name.find(), "the README example declares no public class");
        Path src = dir.resolve("src/" + name.group(1) + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, code);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(src, classes);

        Torch.seed(5);
        Path model = dir.resolve("tiny.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        Path photo = dir.resolve("photo.png");
        ImageIO.write(photo(), "png", photo.toFile());
        Path out = Files.createDirectories(dir.resolve("views"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[] {model.toString(), photo.toString(), out.toString()});
        }

        List<Path> views;
        try (var files = Files.list(out)) {
            views = files.sorted().toList();
        }
        assertEquals(4, views.size(), views.toString());
        BufferedImage front = ImageIO.read(views.get(0).toFile());
        assertEquals(16, front.getWidth());
        assertEquals(16, front.getHeight());
        boolean turned = false;
        for (Path other : views.subList(1, views.size())) {
            turned |= !samePixels(front, ImageIO.read(other.toFile()));
        }
        assertTrue(turned, "every view is the same image: the camera did not turn");
    }

    static String readmeExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = BLOCK.matcher(readme);
        assertTrue(m.find(), "README.md has no ```java block under '## Java API'");
        return m.group(1);
    }

    /** Compiles against enr4j's classes and its runtime class path (target/classpath.txt, written at compile). */
    private static void compile(Path src, Path classes) throws Exception {
        String classpath = "target/classes" + File.pathSeparator
                + Files.readString(Path.of("target/classpath.txt")).strip();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertFalse(javac == null, "tests need a JDK (javax.tools has no compiler)");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, errors, errors, "-d", classes.toString(), "-cp", classpath, src.toString());
        assertEquals(0, code, "the README example does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
    }

    private static BufferedImage photo() {
        BufferedImage img = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 40);
        g.setColor(new Color(200, 60, 20));
        g.fillRect(22, 6, 14, 28);
        g.dispose();
        return img;
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
