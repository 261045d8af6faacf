package enr4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.torch.io.ModelFileException;
import java.util.List;
import java.util.Map;

/**
 * A config read from a checkpoint's object tree, as JSON. Written out node by node with a cap: a pickle can
 * share one value at every level, which is exponential when expanded, so the walk stops at {@link #MAX_NODES}.
 */
final class PlainJson {
    static final int MAX_NODES = 100_000;
    private static final int MAX_DEPTH = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;
    private int nodes;

    private PlainJson(String source) {
        this.source = source;
    }

    /** @param source names the file and part in errors, e.g. {@code model.pt (config)} */
    static JsonNode of(Object value, String source) {
        return new PlainJson(source).convert(value, "", 0);
    }

    private JsonNode convert(Object value, String path, int depth) {
        if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
            throw new ModelFileException(source + ": more than " + MAX_NODES + " values or " + MAX_DEPTH
                    + " levels, not a model config");
        }
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                o.set(key, convert(e.getValue(), path.isEmpty() ? key : path + "." + key, depth + 1));
            }
            return o;
        }
        if (value instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                a.add(convert(list.get(i), path + "[" + i + "]", depth + 1));
            }
            return a;
        }
        throw new ModelFileException(source + ": '" + path + "' is not a JSON value");
    }
}
