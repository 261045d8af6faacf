package enr4j.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses (403) requests addressed to a name other than the viewer's own, so that a web page elsewhere cannot drive a
 * viewer on this machine through a DNS name it controls (DNS rebinding), and requests whose {@code Origin} is another
 * site. Accepted {@code Host} values, always with the viewer's port: an IP address literal that reaches the bound
 * address (a rebound DNS name never arrives as a literal), {@code localhost} when listening on loopback or on every
 * address, and this machine's host name when listening beyond loopback. An {@code Origin}, when sent (browsers send
 * it with every cross-site POST), must be {@code http://} plus an accepted host.
 */
final class RequestGuard {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final InetAddress bound;
    private final int port;
    private final Set<String> names = new HashSet<>();

    RequestGuard(InetAddress bound, int port) {
        this.bound = bound;
        this.port = port;
        if (bound.isLoopbackAddress() || bound.isAnyLocalAddress()) {
            names.add("localhost");
        }
        if (!bound.isLoopbackAddress()) {
            try {
                InetAddress self = InetAddress.getLocalHost();
                names.add(self.getHostName().toLowerCase(Locale.ROOT));
                names.add(self.getCanonicalHostName().toLowerCase(Locale.ROOT));
            } catch (IOException ignored) {
                // no host name: addresses and localhost still work
            }
        }
    }

    /** @throws HttpError 400 without a Host header, 403 for a foreign Host or Origin */
    void check(Exchange exchange) {
        String host = exchange.header("Host")
                .orElseThrow(() -> new HttpError(400, "the request has no Host header"));
        if (!accepts(host)) {
            throw new HttpError(403, "Host '" + host + "' is not this viewer's address; open it as " + selfUrl());
        }
        Optional<String> origin = exchange.header("Origin");
        if (origin.isPresent() && !acceptsOrigin(origin.get())) {
            throw new HttpError(403, "requests from " + origin.get() + " are refused: use the viewer's own page at "
                    + selfUrl());
        }
    }

    private boolean acceptsOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getRawAuthority() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty()) && accepts(uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** @param hostAndPort e.g. {@code 127.0.0.1:8080}, {@code [::1]:8080}, {@code localhost:8080} */
    private boolean accepts(String hostAndPort) {
        String host;
        String portText;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = hostAndPort.substring(1, close);
            portText = hostAndPort.substring(close + 1);
        } else {
            int colon = hostAndPort.lastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            portText = colon < 0 ? "" : hostAndPort.substring(colon);
        }
        int requestedPort = portText.isEmpty() ? 80 : parsePort(portText);
        if (requestedPort != port) {
            return false;
        }
        boolean literal = IPV4.matcher(host).matches() || hostAndPort.startsWith("[") && host.contains(":");
        return literal ? reachesBound(host) : names.contains(host.toLowerCase(Locale.ROOT));
    }

    private boolean reachesBound(String literal) {
        try {
            InetAddress address = literal.contains(":") ? InetAddress.getByName("[" + literal + "]") : ipv4(literal);
            if (bound.isAnyLocalAddress()) {
                return true;
            }
            return bound.isLoopbackAddress() ? address.isLoopbackAddress() : address.equals(bound);
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses a dotted quad without any name lookup. */
    private static InetAddress ipv4(String literal) throws IOException {
        String[] parts = literal.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                throw new IOException("not an IPv4 address: " + literal);
            }
            bytes[i] = (byte) value;
        }
        return InetAddress.getByAddress(bytes);
    }

    private static int parsePort(String colonAndPort) {
        if (!colonAndPort.startsWith(":") || colonAndPort.length() > 6) {
            return -1;
        }
        try {
            return Integer.parseInt(colonAndPort.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String selfUrl() {
        if (bound.isAnyLocalAddress()) {
            return "http://localhost:" + port + "/ or by this machine's IP address";
        }
        String host = bound.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
    }
}
