package enr4j.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import enr4j.eval.NovelViewSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The interactive novel-view web viewer ({@code enr serve}): a page where the user drops an image and drags to
 * rotate the camera. Each upload is inferred once by the {@link NovelViewSource}; every view after that only renders.
 * All model calls run on one thread. Stop it with {@link #close()}.
 */
public final class ViewerServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ViewerServer.class.getName());
    private static final int HTTP_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final SceneWorker worker;

    private ViewerServer(HttpServer server, ExecutorService httpThreads, SceneWorker worker) {
        this.server = server;
        this.httpThreads = httpThreads;
        this.worker = worker;
    }

    /**
     * Starts serving; returns once the socket is bound.
     *
     * @throws UncheckedIOException naming host and port when the address cannot be bound
     */
    public static ViewerServer start(NovelViewSource source, ViewerConfig config) {
        if (source.imageSize() < 1) {
            throw new IllegalArgumentException("model image size must be positive, got " + source.imageSize());
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        SceneWorker worker = new SceneWorker(source, config.maxScenes());
        SceneApi api = new SceneApi(worker, source.imageSize(), config.maxUploadBytes(), config.modelTimeout());
        StaticResources page = new StaticResources();
        server.createContext("/api/scene", handling(api::createScene));
        server.createContext("/api/render", handling(api::render));
        server.createContext("/", handling(page::serve));
        ExecutorService httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, runnable -> {
            Thread t = new Thread(runnable, "enr-viewer-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(httpThreads);
        server.start();
        return new ViewerServer(server, httpThreads, worker);
    }

    /** Starts with {@link ViewerConfig#defaults()}. */
    public static ViewerServer start(NovelViewSource source) {
        return start(source, ViewerConfig.defaults());
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    /** The bound port (useful when the config asked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests, releases every kept scene and stops the worker threads. */
    @Override
    public void close() {
        server.stop(0);
        worker.close();
        httpThreads.shutdown();
        try {
            httpThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request handler that may refuse the request with an {@link HttpError}. */
    @FunctionalInterface
    private interface Endpoint {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static HttpHandler handling(Endpoint endpoint) {
        return exchange -> {
            try (exchange) {
                try {
                    endpoint.handle(exchange);
                } catch (HttpError error) {
                    HttpExchanges.sendError(exchange, error);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "viewer request failed: " + exchange.getRequestURI(), e);
                    HttpExchanges.sendError(exchange, new HttpError(500, "internal error: " + e.getMessage()));
                }
            }
        };
    }
}
