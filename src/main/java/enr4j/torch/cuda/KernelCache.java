package enr4j.torch.cuda;

import enr4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Compiled kernels on disk, one file per source, compiler and architecture:
 * {@code <dir>/<source>-<arch>-<hash>.cubin}, the hash over the source text and the compiler's identity. The
 * directory is {@code -Denr4j.kernelCache=DIR}, else {@code $XDG_CACHE_HOME/enr4j/kernels}, else
 * {@code ~/.cache/enr4j/kernels}. A cache that cannot be written only costs a compile per process.
 */
public final class KernelCache {
    private static final System.Logger LOG = System.getLogger(KernelCache.class.getName());
    private final Path dir;

    public KernelCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in the directory named by the property, the environment or the home directory. */
    public static KernelCache standard() {
        String property = System.getProperty("enr4j.kernelCache");
        if (property != null) {
            return new KernelCache(Path.of(property));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new KernelCache(base.resolve("enr4j").resolve("kernels"));
    }

    /** @return the file for a compiled {@code source} (named {@code file}) for {@code arch} by {@code compiler} */
    public Path fileFor(String file, String source, String arch, String compiler) {
        String stem = file.endsWith(".cu") ? file.substring(0, file.length() - 3) : file;
        return dir.resolve(stem + "-" + arch + "-" + hash(source + '\0' + compiler) + ".cubin");
    }

    /**
     * @param compile makes the binary when the cache has none
     * @return the cached binary, or the freshly compiled one (then stored)
     */
    public byte[] get(String file, String source, String arch, String compiler, Supplier<byte[]> compile) {
        Path path = fileFor(file, source, arch, compiler);
        if (Files.isRegularFile(path)) {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "kernel cache " + path + " unreadable, compiling again: " + e);
            }
        }
        byte[] binary = compile.get();
        try {
            AtomicFiles.write(path, binary);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "kernel cache " + dir + " not writable: " + e.getMessage());
        }
        return binary;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
