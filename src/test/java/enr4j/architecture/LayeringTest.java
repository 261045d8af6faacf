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
 * The packages are rooms with one-way doors: cli -> serve -> eval and train (side by side: eval may not use train) ->
 * viz, and all of them -> data -> model -> geometry -> torch -> io; viz draws images and imports no model; the dataset
 * generators (datagen) sit beside data and use it, never the other way. A package the map does not list is a
 * violation too. A package may use only the packages listed for it (sub-packages count as their parent).
 */
class LayeringTest {
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("io", Set.of()),
            Map.entry("torch", Set.of("io")),
            Map.entry("geometry", Set.of("torch", "io")),
            Map.entry("model", Set.of("geometry", "torch", "io")),
            Map.entry("data", Set.of("geometry", "torch", "io")),
            Map.entry("datagen", Set.of("data", "geometry", "io")),
            Map.entry("viz", Set.of("geometry", "torch", "io")),
            Map.entry("train", Set.of("viz", "data", "model", "geometry", "torch", "io")),
            Map.entry("eval", Set.of("viz", "data", "model", "geometry", "torch", "io")),
            Map.entry("serve", Set.of("eval", "viz", "data", "model", "geometry", "torch", "io")),
            Map.entry("api", Set.of("train", "eval", "viz", "data", "model", "geometry", "torch", "io")),
            Map.entry("demo", Set.of("api", "train", "eval", "datagen", "viz", "data", "model", "geometry", "torch",
                    "io")),
            Map.entry("cli", Set.of("demo", "api", "serve", "eval", "train", "datagen", "viz", "data", "model",
                    "geometry", "torch", "io")));
    /** Files allowed one use beyond their package's doors, until they move to where that use belongs. */
    private static final Map<String, Set<String>> EXCEPTIONS = Map.of();
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
                    String file = root.relativize(f).toString().replace('\\', '/');
                    if (!used.equals(pkg) && !allowed.contains(used)
                            && !EXCEPTIONS.getOrDefault(file, Set.of()).contains(used)) {
                        violations.add(root.relativize(f) + " uses enr4j." + used);
                    }
                }
            }
        }
        assertEquals(List.of(), violations.stream().distinct().toList());
    }
}
