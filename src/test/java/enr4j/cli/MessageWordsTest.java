package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.DatasetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error lines speak of files and values, never of Java classes or a library's switches. */
@Tag("fast")
class MessageWordsTest {
    private static final Pattern CODE_WORDS = Pattern.compile(
            "(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*|\\w*(?:Exception|Error)\\b|Feature|JsonReadFeature|\\$");

    @TempDir
    Path dir;

    /** Fails when {@code text} shows a qualified class name, an exception type or a parser switch. */
    static void assertInUserWords(String text) {
        assertFalse(CODE_WORDS.matcher(text).find(), "code words in: " + text);
    }

    @Test
    void badInputsOfSeveralCommandsAreDescribedInTheUsersWords() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");
        Path config = Files.writeString(dir.resolve("c.json"), "{'img_shape': [3, 16, 16]}");
        Path history = Files.createDirectories(dir.resolve("run"));
        Files.writeString(history.resolve("loss_history.json"), "[1, 2");
        CliTestSupport.Outcome[] outcomes = {
            CliTestSupport.run("dataset", "generate", "--category", "chairs", "--scenes", "1", "--size", "8",
                    "--views", "2", "--out", notAFolder.resolve("sub").toString()),
            CliTestSupport.run("info", config.toString()),
            CliTestSupport.run("info", dir.resolve("missing.zip").toString()),
            CliTestSupport.run("plot", history.toString()),
            CliTestSupport.run("dataset", "generate", "--category", "teapots", "--scenes", "1", "--out",
                    dir.resolve("t").toString()),
            CliTestSupport.run("dataset", "generate", "--category", "chairs", "--scenes", "1", "--mode", "sideways",
                    "--out", dir.resolve("m").toString()),
        };
        for (CliTestSupport.Outcome r : outcomes) {
            assertEquals(1, r.code(), r.out() + r.err());
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("enr: error: "), err);
            assertInUserWords(err);
        }
        assertEquals("enr: error: cannot write " + notAFolder.resolve("sub") + ": " + notAFolder
                + ": exists already, as a file", outcomes[0].err().strip());
        assertTrue(outcomes[1].err().contains(config + ": not valid JSON at line 1, column 2"), outcomes[1].err());
        assertTrue(outcomes[3].err().contains("loss_history.json"), outcomes[3].err());
    }

    @Test
    void failuresOfWorkerThreadsLoseTheirClassNames() {
        ExecutionException e = assertThrowsExecution(() -> {
            throw new IllegalArgumentException("scene chairs_00001: 3 images but 4 view parameters");
        });
        assertEquals("scene chairs_00001: 3 images but 4 view parameters", ErrorHandler.describe(e));
        RuntimeException wrapped = DatasetException.rethrow("dataset generation failed",
                assertThrowsExecution(() -> {
                    throw new UncheckedIOException("cannot write a.png: disk full", new IOException("disk full"));
                }).getCause());
        assertEquals("dataset generation failed: cannot write a.png: disk full", ErrorHandler.describe(wrapped));
    }

    private static ExecutionException assertThrowsExecution(Runnable task) {
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            pool.submit(task).get();
            throw new AssertionError("the task did not fail");
        } catch (ExecutionException e) {
            assertTrue(e.getMessage().contains("Exception"), "the pool puts class names into the message");
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void errorsAndMessagelessExceptionsAreDescribed() {
        assertTrue(ErrorHandler.describe(new OutOfMemoryError("Java heap space")).startsWith("out of memory: "));
        assertEquals("the input nests too deeply to be read", ErrorHandler.describe(new StackOverflowError()));
        assertEquals("internal error, please report it (set ENR_DEBUG=1 for the details)",
                ErrorHandler.describe(new NullPointerException("Cannot invoke \"String.length()\"")));
        assertEquals("internal error, please report it (set ENR_DEBUG=1 for the details)",
                ErrorHandler.describe(new IllegalStateException()));
        assertEquals("view 9 out of range [0, 4)",
                ErrorHandler.describe(new IndexOutOfBoundsException("view 9 out of range [0, 4)")));
        assertEquals("/data/a.png: no such file or folder",
                ErrorHandler.describe(new UncheckedIOException(new NoSuchFileException("/data/a.png"))));
        assertEquals("/data: permission denied", ErrorHandler.describe(new AccessDeniedException("/data")));
    }

    @Test
    void embeddedClassNamesAndParserAdviceAreDropped() {
        assertEquals("cannot write x.png: disk full",
                ErrorHandler.inWords("cannot write x.png: java.io.IOException: disk full"));
        assertEquals("c.json: unexpected character ('/' (code 47)): maybe a comment?", ErrorHandler.inWords(
                "c.json: unexpected character ('/' (code 47)): maybe a comment? (not recognized as one since Feature"
                        + " 'ALLOW_COMMENTS' not enabled for parser)"));
    }

    @Test
    void anErrorEscapingACommandIsOneLineToo() {
        StringWriter text = new StringWriter();
        assertEquals(1, ErrorHandler.report(new OutOfMemoryError("Java heap space"), new PrintWriter(text)));
        assertEquals(1, text.toString().strip().lines().count(), text.toString());
        assertInUserWords(text.toString());
    }
}
