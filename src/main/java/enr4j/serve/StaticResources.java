package enr4j.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Serves the viewer page from the fixed set of files under {@code enr4j/serve/viewer/} on the classpath. */
final class StaticResources {

    private static final String FOLDER = "/enr4j/serve/viewer/";
    /** URL path to (file name, content type). Only these are served, so no request can reach other resources. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});
    /** The page uses only its own scripts, styles and blob: images; nothing is fetched from elsewhere. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> contents;

    StaticResources() {
        this.contents = Map.of(
                "index.html", load("index.html"),
                "app.js", load("app.js"),
                "style.css", load("style.css"));
    }

    void serve(Exchange exchange) throws IOException {
        HttpExchanges.requireMethod(exchange, "GET");
        String[] file = FILES.get(exchange.path());
        if (file == null) {
            throw new HttpError(404, "no such page: " + exchange.path());
        }
        exchange.setResponseHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        HttpExchanges.send(exchange, 200, file[1], contents.get(file[0]));
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticResources.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("viewer resource " + FOLDER + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read viewer resource " + FOLDER + name, e);
        }
    }
}
