package enr4j.serve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 request on its own connection and the one response to it; the connection closes afterwards (no
 * keep-alive). The request head is parsed by {@link #readHead()}, the body only when an endpoint asks for it. Every
 * read must finish before the request's deadline (its arrival plus the read timeout), so a client that stops sending
 * holds a worker for at most the read timeout and then gets 408.
 */
final class Exchange implements Closeable {

    /** Request line plus headers; browsers send well under 8 KiB. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** At most this much of an unread body is drained after the response, so the client sees the answer, not a reset. */
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long deadlineNanos;
    private final Duration readTimeout;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String method = "";
    private URI target = URI.create("/");
    private long unreadBody;
    private boolean responded;

    Exchange(Socket socket, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.readTimeout = readTimeout;
        this.deadlineNanos = System.nanoTime() + readTimeout.toNanos();
        this.in = new BufferedInputStream(new DeadlineStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /**
     * Reads the request line and headers.
     *
     * @throws HttpError 400 for a malformed head or request target, 431 for an oversized head, 411 for a chunked body
     * @throws SocketTimeoutException when the head does not arrive before the deadline
     */
    void readHead() throws IOException {
        String head = readHeadText();
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new HttpError(400, "malformed request line: " + abbreviate(lines[0]));
        }
        method = requestLine[0];
        if (!requestLine[1].startsWith("/")) {
            throw new HttpError(400, "the request target must be a path, got " + abbreviate(requestLine[1]));
        }
        try {
            target = new URI(requestLine[1]);
        } catch (URISyntaxException e) {
            throw new HttpError(400, "malformed request target " + abbreviate(requestLine[1]) + ": " + e.getReason());
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new HttpError(400, "malformed header line: " + abbreviate(lines[i]));
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (headers.putIfAbsent(name, lines[i].substring(colon + 1).trim()) != null && name.equals("host")) {
                throw new HttpError(400, "more than one Host header");
            }
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new HttpError(411, "send the body with a Content-Length header, not chunked");
        }
        unreadBody = declaredLength();
    }

    String method() {
        return method;
    }

    /** The decoded path, e.g. {@code /api/render}. */
    String path() {
        return target.getPath();
    }

    /** The query as sent (still percent-encoded), or null. */
    String rawQuery() {
        return target.getRawQuery();
    }

    /** The first value of a request header (names are case-insensitive). */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body length the client declared; 0 when it declared none. */
    long declaredLength() {
        String header = headers.get("content-length");
        if (header == null) {
            return 0;
        }
        try {
            long length = Long.parseLong(header.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new HttpError(400, "invalid Content-Length header: " + abbreviate(header));
    }

    /**
     * Reads the whole declared body; the caller has checked its length.
     *
     * @throws SocketTimeoutException when it does not arrive before the deadline
     */
    byte[] readBody() throws IOException {
        byte[] body = in.readNBytes((int) unreadBody);
        unreadBody -= body.length;
        if (unreadBody > 0) {
            throw new HttpError(400, "the connection closed before the body's " + declaredLength() + " bytes arrived");
        }
        return body;
    }

    /** Sets a response header for the response not yet sent. */
    void setResponseHeader(String name, String value) {
        responseHeaders.put(name, value);
    }

    boolean responded() {
        return responded;
    }

    /** Sends the response; an exchange answers once. */
    void send(int status, String contentType, byte[] body) throws IOException {
        if (responded) {
            throw new IllegalStateException("response already sent");
        }
        responded = true;
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status));
        head.append("\r\nContent-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length);
        head.append("\r\nConnection: close");
        responseHeaders.forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
        head.append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The read timeout this exchange runs under. */
    Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Drains what is left of the body (within the deadline and a bound) and what else has arrived, then closes the
     * connection; closing with unread input would reset it and the client could lose the response.
     */
    @Override
    public void close() {
        try (socket) {
            socket.shutdownOutput();
            long left = Math.min(unreadBody, MAX_DRAIN_BYTES) + in.available();
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    break;
                }
                left -= skipped;
            }
        } catch (IOException ignored) {
            // the client went away or stopped sending: nothing left to do
        }
    }

    private String readHeadText() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int newlines = 0;
        while ((b = in.read()) >= 0) {
            if (head.size() >= MAX_HEAD_BYTES) {
                throw new HttpError(431, "the request head exceeds " + MAX_HEAD_BYTES / 1024 + " KiB");
            }
            if (b == '\n') {
                if (++newlines == 2) {
                    break;
                }
            } else if (b != '\r') {
                newlines = 0;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1).strip();
        if (b < 0 && newlines < 2 || text.isEmpty()) {
            throw new HttpError(400, "incomplete request head");
        }
        return text;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    /** Reads from the socket, each read limited to the time left before the deadline. */
    private final class DeadlineStream extends InputStream {
        private final InputStream raw;

        DeadlineStream(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int available() throws IOException {
            return raw.available();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new SocketTimeoutException("read timeout");
            }
            socket.setSoTimeout((int) Math.min(leftMillis, Integer.MAX_VALUE));
            return raw.read(buffer, offset, length);
        }
    }
}
