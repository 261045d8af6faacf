package enr4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's loss histories: three series {@code total}, {@code regression}, {@code ssim} of equal length
 * (per iteration, per epoch or per validation).
 */
public final class LossHistory {
    public static final List<String> KEYS = List.of("total", "regression", "ssim");

    private final List<Double> total = new ArrayList<>();
    private final List<Double> regression = new ArrayList<>();
    private final List<Double> ssim = new ArrayList<>();

    public void add(double totalValue, double regressionValue, double ssimValue) {
        total.add(totalValue);
        regression.add(regressionValue);
        ssim.add(ssimValue);
    }

    public int size() {
        return total.size();
    }

    public List<Double> total() {
        return List.copyOf(total);
    }

    public List<Double> regression() {
        return List.copyOf(regression);
    }

    public List<Double> ssim() {
        return List.copyOf(ssim);
    }

    /** @return the last total, or NaN when empty */
    public double lastTotal() {
        return total.isEmpty() ? Double.NaN : total.get(total.size() - 1);
    }

    /** @return the smallest total, or +infinity when empty */
    public double minTotal() {
        return total.stream().mapToDouble(Double::doubleValue).min().orElse(Double.POSITIVE_INFINITY);
    }

    /** @return the means of the last {@code n} entries (total, regression, ssim) */
    public double[] meanOfLast(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("cannot average the last " + n + " of " + size() + " entries");
        }
        double[] m = new double[3];
        for (int i = size() - n; i < size(); i++) {
            m[0] += total.get(i);
            m[1] += regression.get(i);
            m[2] += ssim.get(i);
        }
        for (int k = 0; k < 3; k++) {
            m[k] /= n;
        }
        return m;
    }

    /** Drops entries beyond the first {@code n} (resume: the state is the commit point). */
    public void truncate(int n) {
        if (n > size()) {
            throw new IllegalArgumentException("history holds " + size() + " entries, the saved state expects " + n);
        }
        while (size() > n) {
            total.remove(size() - 1);
            regression.remove(regression.size() - 1);
            ssim.remove(ssim.size() - 1);
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        put(o, "total", total);
        put(o, "regression", regression);
        put(o, "ssim", ssim);
        return o;
    }

    private static void put(ObjectNode o, String key, List<Double> values) {
        var arr = o.putArray(key);
        for (double v : values) {
            if (Double.isFinite(v)) {
                arr.add(v);
            } else {
                arr.addNull(); // JSON has no NaN: a non-finite loss is written as null
            }
        }
    }

    /** An entry: a number, or null for a step whose loss was not finite. */
    private static double value(JsonNode list, String key, int i, String source) {
        JsonNode v = list.get(i);
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(source + ": \"" + key + "\"[" + i + "] must be a number, got " + v);
        }
        return v.doubleValue();
    }

    /** Reads {@code {"total": [...], "regression": [...], "ssim": [...]}}. */
    public static LossHistory fromJson(JsonNode node, String source) {
        LossHistory h = new LossHistory();
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(source + ": expected a loss history object");
        }
        JsonNode t = node.get("total");
        JsonNode r = node.get("regression");
        JsonNode s = node.get("ssim");
        if (t == null || r == null || s == null || !t.isArray() || !r.isArray() || !s.isArray()
                || t.size() != r.size() || t.size() != s.size()) {
            throw new IllegalArgumentException(source + ": needs lists total, regression, ssim of equal length");
        }
        for (int i = 0; i < t.size(); i++) {
            h.add(value(t, "total", i, source), value(r, "regression", i, source), value(s, "ssim", i, source));
        }
        return h;
    }
}
