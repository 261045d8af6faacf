package enr4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import enr4j.eval.RotatingFakeSource;
import enr4j.eval.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The viewer against clients that stall, lie about their address or come from other sites, spoken to over raw sockets. */
@Tag("fast")
class ViewerHardeningTest {

    private static final JsonMapper JSON = new JsonMapper();

    private final RotatingFakeSource source = new RotatingFakeSource(16);
    private final List<Socket> clients = new ArrayList<>();
    private ViewerServer server;

    /** Status line, headers and body of one response. */
    private record Response(int status, String head, String body) {
        String error() throws IOException {
            assertTrue(head.contains("Content-Type: application/json"), head);
            return JSON.readTree(body).get("error").asText();
        }
    }

    private void start(Duration readTimeout) {
        server = ViewerServer.start(source, ViewerConfig.defaults().withPort(0).withReadTimeout(readTimeout));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String self() {
        return "127.0.0.1:" + server.port();
    }

    /** Opens a connection and sends the bytes, leaving it open. */
    private Socket open(byte[] request) throws IOException {
        Socket client = new Socket("127.0.0.1", server.port());
        clients.add(client);
        client.setSoTimeout(15_000);
        OutputStream out = client.getOutputStream();
        out.write(request);
        out.flush();
        return client;
    }

    private static Response readResponse(Socket client) throws IOException {
        String all = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        int split = all.indexOf("\r\n\r\n");
        assertTrue(all.startsWith("HTTP/1.1 ") && split > 0, "not an HTTP response: " + all);
        return new Response(Integer.parseInt(all.substring(9, 12)), all.substring(0, split), all.substring(split + 4));
    }

    private Response request(String head, byte[] body) throws IOException {
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return readResponse(open(request));
    }

    private Response get(String target, String host) throws IOException {
        return request("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n", new byte[0]);
    }

    private Response post(byte[] body, String extraHeaders) throws IOException {
        return request("POST /api/scene HTTP/1.1\r\nHost: " + self() + "\r\nContent-Length: " + body.length + "\r\n"
                + extraHeaders + "\r\n", body);
    }

    @Test
    void stalledUploadsDoNotStallOtherClientsAndTimeOutWith408() throws Exception {
        start(Duration.ofSeconds(3));
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stalled.add(open(("POST /api/scene HTTP/1.1\r\nHost: " + self() + "\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
        }
        Thread.sleep(300); // the stalled uploads now hold workers, waiting for their bodies

        long start = System.nanoTime();
        assertEquals(200, get("/", self()).status());
        assertEquals(201, post(TestImages.png(TestImages.pattern(20, 20)), "").status());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < 2_000, "other clients waited " + elapsedMillis + " ms behind the stalled uploads");

        for (Socket client : stalled) {
            Response timedOut = readResponse(client);
            assertEquals(408, timedOut.status());
            assertTrue(timedOut.error().contains("did not arrive within 3 s"), timedOut.error());
        }
        assertEquals(1, source.inferCalls.get());
    }

    @Test
    void connectionsBeyondThePoolAndItsQueueAreRefusedAtOnce() throws Exception {
        start(Duration.ofSeconds(4));
        int held = ViewerServer.WORKERS + ViewerServer.QUEUED_CONNECTIONS;
        for (int i = 0; i < held; i++) {
            open(new byte[0]); // connects, never sends a request
        }
        Thread.sleep(500);
        long start = System.nanoTime();
        Response busy = get("/", self());
        assertEquals(503, busy.status());
        assertTrue(busy.error().contains("busy"), busy.error());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000, "the refusal should not wait for a worker");
    }

    @Test
    void refusesForeignHostNamesWith403() throws Exception {
        start(Duration.ofSeconds(5));
        Response rebound = get("/", "attacker.example:" + server.port());
        assertEquals(403, rebound.status());
        assertTrue(rebound.error().contains("attacker.example") && rebound.error().contains(self()), rebound.error());
        assertEquals(403, get("/", "127.0.0.1:" + (server.port() + 1)).status());
        assertEquals(403, get("/", "192.168.1.20:" + server.port()).status());
        assertEquals(400, request("GET / HTTP/1.1\r\n\r\n", new byte[0]).status());
        assertEquals(200, get("/", "localhost:" + server.port()).status());
        assertEquals(200, get("/", "LocalHost:" + server.port()).status());
        assertEquals(200, get("/", self()).status());
    }

    @Test
    void refusesPostsFromOtherSitesPages() throws Exception {
        start(Duration.ofSeconds(5));
        byte[] image = TestImages.png(TestImages.pattern(20, 20));
        Response foreign = post(image, "Origin: http://attacker.example\r\n");
        assertEquals(403, foreign.status());
        assertTrue(foreign.error().contains("http://attacker.example"), foreign.error());
        assertEquals(403, post(image, "Origin: null\r\n").status());
        assertEquals(403, post(image, "Origin: https://" + self() + "\r\n").status());
        assertEquals(0, source.inferCalls.get());

        assertEquals(201, post(image, "Origin: http://" + self() + "\r\n").status());
        assertEquals(201, post(image, "").status(), "clients that send no Origin (command-line tools) are served");
        assertEquals(2, source.inferCalls.get());
    }

    @Test
    void malformedRequestsGetJson400() throws Exception {
        start(Duration.ofSeconds(5));
        Response badEscape = get("/api/render?scene=%zz&azimuth=0&elevation=0", self());
        assertEquals(400, badEscape.status());
        assertTrue(badEscape.error().contains("%zz"), badEscape.error());
        assertEquals(400, get("/api/render?scene=a&azimuth=%e2%28&elevation=0", self()).status());
        assertEquals(400, request("NONSENSE\r\nHost: " + self() + "\r\n\r\n", new byte[0]).status());
        assertEquals(400, request("POST /api/scene HTTP/1.1\r\nHost: " + self() + "\r\nContent-Length: -5\r\n\r\n",
                new byte[0]).status());
        assertEquals(411, request("POST /api/scene HTTP/1.1\r\nHost: " + self()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", new byte[0]).status());
        assertEquals(431, get("/" + "a".repeat(Exchange.MAX_HEAD_BYTES), self()).status());
    }
}
