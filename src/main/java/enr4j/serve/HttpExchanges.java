package enr4j.serve;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Small helpers for answering {@link Exchange}s. */
final class HttpExchanges {

    private static final JsonMapper JSON = new JsonMapper();

    private HttpExchanges() {
    }

    static void sendJson(Exchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Answers {@code {"error": message}} with the error's status. */
    static void sendError(Exchange exchange, HttpError error) throws IOException {
        sendJson(exchange, error.status(), Map.of("error", error.getMessage()));
    }

    static void send(Exchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.setResponseHeader("Cache-Control", "no-store");
        exchange.setResponseHeader("X-Content-Type-Options", "nosniff");
        exchange.send(status, contentType, body);
    }

    static void requireMethod(Exchange exchange, String method) {
        if (!exchange.method().equalsIgnoreCase(method)) {
            exchange.setResponseHeader("Allow", method);
            throw new HttpError(405, exchange.path() + " accepts " + method + " only");
        }
    }

    /**
     * Decoded query parameters; the last value wins for repeated names.
     *
     * @throws HttpError 400 naming the parameter when its percent-encoding is malformed
     */
    static Map<String, String> queryParameters(Exchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String query = exchange.rawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(decode(name, pair), decode(value, pair));
        }
        return parameters;
    }

    /**
     * Reads the request body, refusing bodies over {@code limit} bytes with 413. What the client still sends is drained
     * (up to a bound) when the exchange closes, so that it receives the 413 rather than a reset connection.
     *
     * @throws java.net.SocketTimeoutException when the body does not arrive within the read timeout
     */
    static byte[] readBody(Exchange exchange, long limit) throws IOException {
        long declared = exchange.declaredLength();
        if (declared > limit) {
            throw new HttpError(413, "upload is too large (got " + megabytes(declared) + "); the limit is "
                    + megabytes(limit));
        }
        return exchange.readBody();
    }

    private static String decode(String text, String pair) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "malformed percent-encoding in query parameter '" + pair + "'");
        }
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? String.format("%.1f MB", bytes / (1024.0 * 1024.0)) : bytes + " bytes";
    }
}
