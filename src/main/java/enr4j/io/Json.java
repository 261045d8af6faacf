package enr4j.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The project's JSON: strict on reading (a duplicate key or text after the value is an error) and indented on
 * writing. Parse errors become {@link JsonFileException}s of one line naming the source, line and column, in
 * words of the file rather than of the parser library.
 */
public final class Json {
    /** Reads and writes trees and plain values; strict on reading. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    /** {@link #MAPPER} that also reads NaN, Infinity and -Infinity, as Python's json.dump writes them. */
    private static final ObjectMapper NON_FINITE = ((JsonMapper) MAPPER).rebuild()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String TRAILING = "text after the end of the JSON value";
    /** Writes indented JSON. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** Parses {@code file}. */
    public static JsonNode read(Path file) {
        return read(file, MAPPER);
    }

    /** Parses {@code file} as {@link #read(Path)} does, reading {@code NaN} and {@code Infinity} as numbers. */
    public static JsonNode readAllowingNonFinite(Path file) {
        return read(file, NON_FINITE);
    }

    private static JsonNode read(Path file, ObjectMapper mapper) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(mapper, mapper.createParser(in), file.toString());
        } catch (NoSuchFileException e) {
            throw new JsonFileException(file + ": no such file");
        } catch (IOException e) {
            throw new JsonFileException(IoMessages.describe(e, file));
        }
    }

    /** Parses {@code text}; {@code source} names it in errors. */
    public static JsonNode read(String text, String source) {
        try {
            return parse(MAPPER, MAPPER.createParser(text), source);
        } catch (IOException e) {
            throw new JsonFileException(source + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses {@code in}; {@code source} names it in errors. */
    public static JsonNode read(InputStream in, String source) throws IOException {
        return parse(MAPPER, MAPPER.createParser(in), source);
    }

    /** One JSON value and nothing after it but white space. */
    private static JsonNode parse(ObjectMapper mapper, JsonParser parser, String source) throws IOException {
        try (parser) {
            JsonNode node;
            try {
                // trailing text is looked for below, to report where it starts whatever it is
                node = checked(mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readTree(parser), source);
            } catch (JsonProcessingException e) {
                throw new JsonFileException(source + ": " + describe(e));
            }
            try {
                if (parser.nextToken() == null) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // not even a token: still text after the value
            }
            JsonLocation at = parser.currentTokenLocation();
            throw new JsonFileException(source + ": not valid JSON at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " + TRAILING);
        }
    }

    /** Writes {@code value} to {@code file} indented and atomically. */
    public static void write(Path file, Object value) {
        AtomicFiles.write(file, out -> PRETTY.writeValue(nonClosing(out), value));
    }

    /** The parser's complaint as one line about the text, with its position, without class names or advice. */
    public static String describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage() == null ? "not valid JSON" : e.getOriginalMessage();
        msg = msg.lines().findFirst().orElse("").trim();
        int advice = msg.indexOf(" (");
        if (msg.contains("JsonReadFeature") || msg.contains("Feature.") || msg.contains("enable ")) {
            msg = advice > 0 ? msg.substring(0, advice) : "not valid JSON";
        }
        msg = msg.replaceAll("\\s*\\(for [^)]*\\)", "")
                .replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Z][A-Za-z0-9_$]*)`", "$1");
        if (msg.startsWith("Trailing token")) {
            msg = TRAILING;
        } else if (msg.startsWith("Unrecognized token") && msg.contains(": was expecting")) {
            msg = msg.substring(0, msg.indexOf(": was expecting"))
                    + ": expected a string, number, array, object, true, false or null";
        } else if (msg.startsWith("Duplicate field")) {
            msg = "duplicate key " + msg.substring(msg.indexOf('\''));
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? "not valid JSON: " + msg
                : "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + msg;
    }

    private static JsonNode checked(JsonNode node, String source) {
        if (node == null || node.isMissingNode()) {
            throw new JsonFileException(source + ": empty, expected a JSON value");
        }
        return node;
    }

    private static java.io.OutputStream nonClosing(java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
