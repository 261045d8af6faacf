package enr4j.serve;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Small helpers for answering {@link HttpExchange}s. */
final class HttpExchanges {

    private static final JsonMapper JSON = new JsonMapper();

    private HttpExchanges() {
    }

    static void sendJson(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Answers {@code {"error": message}} with the error's status. */
    static void sendError(HttpExchange exchange, HttpError error) throws IOException {
        sendJson(exchange, error.status(), Map.of("error", error.getMessage()));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equalsIgnoreCase(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            throw new HttpError(405, exchange.getRequestURI().getPath() + " accepts " + method + " only");
        }
    }

    /** Decoded query parameters; the last value wins for repeated names. */
    static Map<String, String> queryParameters(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /**
     * Reads the request body, refusing bodies over {@code limit} bytes with 413. Oversized bodies are still drained
     * (up to a bound) so that the client, which may still be sending, receives the 413 rather than a reset connection.
     */
    static byte[] readBody(HttpExchange exchange, long limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long declaredLength = parseLength(declared);
        try (InputStream in = exchange.getRequestBody()) {
            if (declaredLength > limit) {
                drain(in, 8 * limit);
                throw tooLarge(declaredLength, limit);
            }
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                drain(in, 8 * limit);
                throw tooLarge(-1, limit);
            }
            return body;
        }
    }

    private static long parseLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new HttpError(400, "invalid Content-Length header: " + header);
        }
    }

    private static void drain(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = atMost;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    private static HttpError tooLarge(long size, long limit) {
        String got = size >= 0 ? " (got " + megabytes(size) + ")" : "";
        return new HttpError(413, "upload is too large" + got + "; the limit is " + megabytes(limit));
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? String.format("%.1f MB", bytes / (1024.0 * 1024.0)) : bytes + " bytes";
    }
}
