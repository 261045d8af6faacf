package enr4j.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts and supervises the N local processes of a data-parallel run: the same JVM, class path and arguments, with
 * torchrun's environment ({@code RANK}, {@code WORLD_SIZE}, {@code LOCAL_RANK}, {@code MASTER_ADDR},
 * {@code MASTER_PORT}). Rank 0 prints; the others write {@code rank-N.log} next to the working directory's runs. A
 * process that fails stops the run: the others are ended and the failing rank is named.
 */
final class ProcessLauncher {
    private ProcessLauncher() {}

    /** @return 0 when every process succeeded, else 1 */
    static int run(int processes, List<String> args, Path logDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<Process> children = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> children.forEach(Process::destroy)));
        Files.createDirectories(logDir);
        for (int rank = 0; rank < processes; rank++) {
            List<String> cmd = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED"));
            cmd.addAll(forwardedProperties());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("RANK", Integer.toString(rank));
            pb.environment().put("LOCAL_RANK", Integer.toString(rank));
            pb.environment().put("WORLD_SIZE", Integer.toString(processes));
            pb.environment().putIfAbsent("MASTER_ADDR", "127.0.0.1");
            pb.environment().put("MASTER_PORT", Integer.toString(port));
            if (rank == 0) {
                pb.inheritIO();
            } else {
                pb.redirectErrorStream(true).redirectOutput(logDir.resolve("rank-" + rank + ".log").toFile());
            }
            children.add(pb.start());
        }
        while (true) {
            boolean running = false;
            for (int rank = 0; rank < children.size(); rank++) {
                Process p = children.get(rank);
                if (p.isAlive()) {
                    running = true;
                } else if (p.exitValue() != 0) {
                    children.forEach(Process::destroy);
                    System.err.println("enr: error: rank " + rank + " of " + processes + " exited with code "
                            + p.exitValue() + (rank > 0 ? " (log: " + logDir.resolve("rank-" + rank + ".log") + ")" : "")
                            + "; the run was stopped (continue with --resume from the last saved state)");
                    return 1;
                }
            }
            if (!running) {
                return 0;
            }
            Thread.sleep(200);
        }
    }

    /**
     * The system properties a child needs to load the same natives: {@code java.library.path} and JavaCPP's
     * {@code org.bytedeco.*} settings (the GPU runtime selects the CUDA natives with
     * {@code org.bytedeco.javacpp.platform.extension=-gpu}).
     */
    static List<String> forwardedProperties() {
        List<String> out = new ArrayList<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.equals("java.library.path") || name.startsWith("org.bytedeco.")) {
                out.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        java.util.Collections.sort(out);
        return out;
    }
}
