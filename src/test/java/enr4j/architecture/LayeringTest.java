package enr4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages are rooms with one-way doors: cli -> eval -> train -> viz, and all of them -> data -> model ->
 * geometry -> torch -> io. A package the map does not list is a violation too. A package may use only the packages listed for it (sub-packages count as their parent).
 */
class LayeringTest {
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "io", Set.of(),
            "torch", Set.of("io"),
            "geometry", Set.of("torch", "io"),
            "model", Set.of("geometry", "torch", "io"),
            "data", Set.of("geometry", "torch", "io"),
            "viz", Set.of("model", "geometry", "torch", "io"),
            "train", Set.of("viz", "data", "model", "geometry", "torch", "io"),
            "eval", Set.of("train", "viz", "data", "model", "geometry", "torch", "io"),
            "demo", Set.of("train", "eval", "viz", "data", "model", "geometry", "torch", "io"),
            "cli", Set.of("demo", "eval", "train", "viz", "data", "model", "geometry", "torch", "io"));
    private static final Pattern USE = Pattern.compile("\\benr4j\\.([a-z]+)\\.");

    @Test
    void noPackageReachesAroundOrUpward() throws IOException {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src/main/java/enr4j");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(root.relativize(f) + " is in a package the map does not list: enr4j." + pkg);
                    continue;
                }
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(root.relativize(f) + " uses enr4j." + used);
                    }
                }
            }
        }
        assertEquals(List.of(), violations.stream().distinct().toList());
    }
}
