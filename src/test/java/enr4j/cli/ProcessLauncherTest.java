package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ProcessLauncherTest {

    @Test
    void childrenGetTheNativeLibrarySettingsOfTheParent() {
        String key = "org.bytedeco.javacpp.platform.extension";
        String before = System.getProperty(key);
        System.setProperty(key, "-gpu");
        try {
            List<String> args = ProcessLauncher.forwardedProperties();
            assertTrue(args.contains("-D" + key + "=-gpu"), args.toString());
            assertTrue(args.contains("-Djava.library.path=" + System.getProperty("java.library.path")), args.toString());
            assertTrue(args.stream().noneMatch(a -> a.startsWith("-Duser.") || a.startsWith("-Djava.class.path")),
                    args.toString());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
