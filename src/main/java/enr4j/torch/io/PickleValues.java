package enr4j.torch.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values a {@link RestrictedUnpickler} builds: checked casts, and short renderings for messages. */
final class PickleValues {
    private static final int PREVIEW_CHARS = 120;

    private PickleValues() {
    }

    static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object target) {
        if (!(target instanceof ArrayList<?>)) {
            throw new IllegalArgumentException("cannot append to " + describe(target));
        }
        return (List<Object>) target;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Object target) {
        if (!(target instanceof LinkedHashMap<?, ?>)) {
            throw new IllegalArgumentException("cannot set items on " + describe(target));
        }
        return (Map<String, Object>) target;
    }

    static void putPairs(Map<String, Object> dict, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of dict items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            if (!(items.get(i) instanceof String key)) {
                throw new IllegalArgumentException("dict key " + describe(items.get(i)) + " is not a string");
            }
            dict.put(key, items.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    static List<Object> args(Object args) {
        if (!(args instanceof List<?>)) {
            throw new IllegalArgumentException("call arguments are " + describe(args) + ", not a tuple");
        }
        return (List<Object>) args;
    }

    static PickleCallable callable(Object target) {
        if (!(target instanceof PickleCallable c)) {
            throw new IllegalArgumentException(describe(target) + " is not callable");
        }
        return c;
    }

    static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /**
     * A short rendering of a value for messages. Unlike {@code toString} it stops after a few characters, so a
     * value that shares one child through many levels (exponential when written out) costs no more than a leaf.
     */
    static String preview(Object o) {
        StringBuilder sb = new StringBuilder();
        preview(o, sb);
        return sb.length() > PREVIEW_CHARS ? sb.substring(0, PREVIEW_CHARS) + "..." : sb.toString();
    }

    private static void preview(Object o, StringBuilder sb) {
        if (sb.length() > PREVIEW_CHARS) {
            return;
        }
        if (o instanceof List<?> list) {
            sb.append('(');
            for (int i = 0; i < list.size() && sb.length() <= PREVIEW_CHARS; i++) {
                sb.append(i == 0 ? "" : ", ");
                preview(list.get(i), sb);
            }
            sb.append(')');
        } else if (o instanceof String s) {
            sb.append('\'').append(s, 0, Math.min(s.length(), PREVIEW_CHARS)).append('\'');
        } else if (o instanceof Long || o instanceof Boolean || o instanceof Double) {
            sb.append(o);
        } else {
            sb.append(describe(o));
        }
    }
}
