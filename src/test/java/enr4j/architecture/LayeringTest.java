package enr4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packages are rooms with one-way doors, and the map of them is the block in docs/ARCHITECTURE.md: each line
 * {@code room -> rooms it may use}. This test reads that block, so the document and the rule cannot drift apart.
 * Sub-packages count as their parent; a package the map does not list is a violation too.
 */
@Tag("fast")
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/enr4j");
    private static final Pattern MAP_LINE = Pattern.compile("^([a-z]+)\\s+->(.*)$");
    private static final Pattern USE = Pattern.compile("\\benr4j\\.([a-z]+)\\.");

    @Test
    void noPackageReachesAroundOrUpward() throws IOException {
        Map<String, Set<String>> allowed = documentedMap();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f).getName(0).toString();
                Set<String> doors = allowed.get(pkg);
                if (doors == null) {
                    violations.add(MAIN.relativize(f) + " is in a package the map does not list: enr4j." + pkg);
                    continue;
                }
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !doors.contains(used)) {
                        violations.add(MAIN.relativize(f) + " uses enr4j." + used);
                    }
                }
            }
        }
        assertEquals(List.of(), violations.stream().distinct().toList());
    }

    @Test
    void theMapListsEveryPackageOnceAndOnlyRoomsThatExist() throws IOException {
        Map<String, Set<String>> map = documentedMap();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(packages, new TreeSet<>(map.keySet()), "rooms in docs/ARCHITECTURE.md vs packages under enr4j");
        map.forEach((room, doors) -> assertTrue(map.keySet().containsAll(doors), room + " names a room that is not listed"));
    }

    /** The first {@code ```text} block of docs/ARCHITECTURE.md, as room -> rooms it may use. */
    static Map<String, Set<String>> documentedMap() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/ARCHITECTURE.md"));
        int start = lines.indexOf("```text");
        assertTrue(start >= 0, "docs/ARCHITECTURE.md has no ```text block with the package map");
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("```")) {
                break;
            }
            Matcher m = MAP_LINE.matcher(line.strip());
            assertTrue(m.matches(), "not a map line in docs/ARCHITECTURE.md: " + line);
            String doors = m.group(2).strip();
            Set<String> previous = map.put(m.group(1),
                    doors.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(doors.split("\\s+"))));
            assertEquals(null, previous, "room listed twice in docs/ARCHITECTURE.md: " + m.group(1));
        }
        return map;
    }
}
