package enr4j.serve;

import enr4j.data.ImageInput;
import enr4j.eval.NovelViewSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The interactive novel-view web viewer ({@code enr serve}): a page where the user drops an image and drags to
 * rotate the camera. Each upload is inferred once by the {@link NovelViewSource}; every view after that only renders.
 * All model calls run on one thread. Requests are served by a bounded pool of workers, each request must arrive
 * within the read timeout (408 otherwise), and requests beyond the pool and its queue get 503 at once, so clients that
 * stop sending cannot stall the others. Requests for another host name or from another site's page get 403
 * ({@link RequestGuard}). Stop it with {@link #close()}.
 */
public final class ViewerServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ViewerServer.class.getName());
    /** Workers reading and answering requests; model calls queue behind them on the one model thread. */
    static final int WORKERS = 16;
    /** Accepted connections waiting for a worker; beyond this a connection is answered 503 straight away. */
    static final int QUEUED_CONNECTIONS = 64;

    private final ServerSocket socket;
    private final ThreadPoolExecutor workers;
    private final SceneWorker worker;
    private final SceneApi api;
    private final StaticResources page;
    private final RequestGuard guard;
    private final ViewerConfig config;
    private final Thread acceptor;

    private ViewerServer(ServerSocket socket, SceneWorker worker, SceneApi api, StaticResources page,
            ViewerConfig config) {
        this.socket = socket;
        this.worker = worker;
        this.api = api;
        this.page = page;
        this.config = config;
        this.guard = new RequestGuard(socket.getInetAddress(), socket.getLocalPort());
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_CONNECTIONS), runnable -> daemon(runnable, "enr-viewer-http"));
        this.workers.allowCoreThreadTimeOut(true);
        this.acceptor = daemon(this::acceptLoop, "enr-viewer-accept");
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
        StaticResources page = new StaticResources();
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        SceneWorker worker = new SceneWorker(source, config.maxScenes());
        SceneApi api = new SceneApi(worker, new ImageInput(source.imageSize(), config.background()),
                config.maxUploadBytes(), config.modelTimeout());
        ViewerServer server = new ViewerServer(socket, worker, api, page, config);
        server.acceptor.start();
        return server;
    }

    /** Starts with {@link ViewerConfig#defaults()}. */
    public static ViewerServer start(NovelViewSource source) {
        return start(source, ViewerConfig.defaults());
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = socket.getInetAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The bound port (useful when the config asked for port 0). */
    public int port() {
        return socket.getLocalPort();
    }

    /** Stops accepting requests, releases every kept scene and stops the worker threads. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the viewer socket failed", e);
        }
        for (Runnable waiting : workers.shutdownNow()) {
            ((Job) waiting).closeUnserved();
        }
        worker.close();
        try {
            acceptor.join(5_000);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "viewer accept failed: " + e.getMessage());
                }
                continue;
            }
            try {
                workers.execute(new Job(connection));
            } catch (RejectedExecutionException busy) {
                refuse(connection);
            }
        }
    }

    /** One accepted connection waiting for a worker. */
    private final class Job implements Runnable {
        private final Socket connection;

        Job(Socket connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            serve(connection);
        }

        void closeUnserved() {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void serve(Socket connection) {
        try (Exchange exchange = new Exchange(connection, config.readTimeout())) {
            try {
                exchange.readHead();
                guard.check(exchange);
                route(exchange);
            } catch (HttpError error) {
                answer(exchange, error);
            } catch (SocketTimeoutException e) {
                answer(exchange, new HttpError(408, "the request did not arrive within "
                        + config.readTimeout().toSeconds() + " s"));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "viewer request failed: " + exchange.path(), e);
                answer(exchange, new HttpError(500, "internal error: " + e.getMessage()));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "viewer client went away: " + e.getMessage());
        }
    }

    private void route(Exchange exchange) throws IOException {
        switch (exchange.path()) {
            case "/api/scene" -> api.createScene(exchange);
            case "/api/render" -> api.render(exchange);
            default -> page.serve(exchange);
        }
    }

    private static void answer(Exchange exchange, HttpError error) throws IOException {
        if (!exchange.responded()) {
            HttpExchanges.sendError(exchange, error);
        }
    }

    /** Answers 503 without reading the request: every worker is busy and the queue is full. */
    private void refuse(Socket connection) {
        try (Exchange exchange = new Exchange(connection, config.readTimeout())) {
            answer(exchange, new HttpError(503, "the viewer is busy: try again in a moment"));
        } catch (IOException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, "refusing a connection failed: " + e.getMessage());
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
