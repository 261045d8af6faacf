package enr4j.serve;

import enr4j.data.ImageInput;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ViewerServer}.
 *
 * @param host           address to bind; {@code 127.0.0.1} keeps the viewer private to this machine
 * @param port           TCP port, 0 for any free port
 * @param maxUploadBytes largest accepted upload; bigger ones get HTTP 413
 * @param maxScenes      scenes kept in memory; the least recently used one is released beyond this
 * @param modelTimeout   how long a request waits for the model before answering HTTP 503
 * @param readTimeout    how long a client may take to send a whole request (head and body) before HTTP 408
 * @param background     0xRRGGBB behind transparent pixels of uploads: the training images' background
 */
public record ViewerConfig(String host, int port, long maxUploadBytes, int maxScenes, Duration modelTimeout,
        Duration readTimeout, int background) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_SCENES = 8;
    public static final Duration DEFAULT_MODEL_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

    public ViewerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(modelTimeout, "modelTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("read timeout must be positive, got " + readTimeout);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("upload limit must be positive, got " + maxUploadBytes);
        }
        if (maxScenes < 1) {
            throw new IllegalArgumentException("scene cache size must be at least 1, got " + maxScenes);
        }
    }

    /** 127.0.0.1:8080, 10 MiB uploads, 8 scenes, 60 s model timeout, 20 s read timeout, white background. */
    public static ViewerConfig defaults() {
        return new ViewerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_SCENES,
                DEFAULT_MODEL_TIMEOUT, DEFAULT_READ_TIMEOUT,
                ImageInput.WHITE);
    }

    public ViewerConfig withHost(String newHost) {
        return new ViewerConfig(newHost, port, maxUploadBytes, maxScenes, modelTimeout, readTimeout, background);
    }

    public ViewerConfig withPort(int newPort) {
        return new ViewerConfig(host, newPort, maxUploadBytes, maxScenes, modelTimeout, readTimeout, background);
    }

    public ViewerConfig withMaxUploadBytes(long newLimit) {
        return new ViewerConfig(host, port, newLimit, maxScenes, modelTimeout, readTimeout, background);
    }

    public ViewerConfig withMaxScenes(int newMaxScenes) {
        return new ViewerConfig(host, port, maxUploadBytes, newMaxScenes, modelTimeout, readTimeout, background);
    }

    public ViewerConfig withReadTimeout(Duration newTimeout) {
        return new ViewerConfig(host, port, maxUploadBytes, maxScenes, modelTimeout, newTimeout, background);
    }

    public ViewerConfig withBackground(int newBackground) {
        return new ViewerConfig(host, port, maxUploadBytes, maxScenes, modelTimeout, readTimeout, newBackground);
    }
}
