package enr4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every test class says how long a developer waits for it: {@code fast} (the loop of {@code mvn test
 * -Dgroups=fast}), {@code slow} (long training runs, memory soaks) or {@code e2e} (real Blender or a browser). CI
 * runs them all.
 */
@Tag("fast")
class TestTagsTest {
    private static final Pattern TEST = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory)\\b");
    private static final Pattern TAG = Pattern.compile("@Tag\\(\"([a-z0-9]+)\"\\)");

    @Test
    void everyTestClassHasExactlyOneSpeedTag() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                if (!TEST.matcher(text).find()) {
                    continue;
                }
                Matcher m = TAG.matcher(text);
                List<String> tags = new ArrayList<>();
                while (m.find()) {
                    tags.add(m.group(1));
                }
                if (tags.size() != 1 || !List.of("fast", "slow", "e2e").contains(tags.get(0))) {
                    wrong.add(f + " " + tags);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
