package enr4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;

/**
 * A config object being read: its JSON, the name that messages give it and the folder relative paths start from.
 *
 * @param name    the file (or other source) named in messages
 * @param baseDir where relative paths resolve first, or null
 */
public record ConfigSource(ObjectNode node, String name, Path baseDir) {

    public ConfigException error(String key, String what) {
        return new ConfigException(name + ": \"" + key + "\" " + what);
    }

    public ConfigException missing(String key) {
        return new ConfigException(name + ": missing key \"" + key + "\"");
    }

    /**
     * Refuses a key that is not among {@code known}, suggesting the nearest known one.
     *
     * @throws ConfigException {@code file: unknown key "x" (did you mean "y"?)}
     */
    public void requireKnownKeys(Collection<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String hint = closest(key, known);
                throw new ConfigException(name + ": unknown key \"" + key + "\""
                        + (hint == null ? "" : " (did you mean \"" + hint + "\"?)"));
            }
        }
    }

    /** The known key nearest to {@code key} by edit distance, or null when none is close. */
    static String closest(String key, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The value of {@code key}, or null when absent or JSON null. */
    public JsonNode value(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }
}
