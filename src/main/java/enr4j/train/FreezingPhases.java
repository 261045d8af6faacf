package enr4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import enr4j.model.ConfigKey;
import enr4j.model.ConfigSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code progressive_freezing}: an object of named phases, each {@code {"epochs": [first, last],
 * "freeze_parts": [...], "lr": x}}, contiguous and without overlaps.
 */
final class FreezingPhases {
    private static final Set<String> PHASE_KEYS = Set.of("epochs", "freeze_parts", "lr");

    static final ConfigKey.Type<List<TrainingConfig.Phase>> TYPE = FreezingPhases::read;

    private FreezingPhases() {}

    private static List<TrainingConfig.Phase> read(JsonNode v, ConfigKey<?> key, ConfigSource s) {
        if (!v.isObject()) {
            throw s.error(key.name(), "must be an object of phases (phase_1, phase_2, ...), got " + v);
        }
        List<TrainingConfig.Phase> out = new ArrayList<>();
        for (var it = v.fields(); it.hasNext(); ) {
            var f = it.next();
            out.add(phase(f.getKey(), key.name() + "." + f.getKey(), f.getValue(), out, s));
        }
        List<TrainingConfig.Phase> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(TrainingConfig.Phase::first));
        for (int i = 1; i < sorted.size(); i++) {
            TrainingConfig.Phase before = sorted.get(i - 1);
            TrainingConfig.Phase after = sorted.get(i);
            if (after.first() != before.last() + 1) {
                throw s.error(key.name() + "." + after.name() + ".epochs", "leaves a gap after " + before.name()
                        + " (which ends at epoch " + before.last() + "), starting at " + after.first());
            }
        }
        return out;
    }

    private static TrainingConfig.Phase phase(String name, String k, JsonNode p, List<TrainingConfig.Phase> earlier,
                                              ConfigSource s) {
        if (!p.isObject()) {
            throw s.error(k, "must be an object with epochs, freeze_parts, lr, got " + p);
        }
        for (var pk = p.fieldNames(); pk.hasNext(); ) {
            String sub = pk.next();
            if (!PHASE_KEYS.contains(sub)) {
                throw s.error(k, "has unknown key \"" + sub + "\" (expected epochs, freeze_parts, lr)");
            }
        }
        JsonNode ep = p.get("epochs");
        if (ep == null || !ep.isArray() || ep.size() != 2 || !ep.get(0).isIntegralNumber()
                || !ep.get(1).isIntegralNumber()) {
            throw s.error(k + ".epochs", "must be [first, last] (1-based, inclusive), got " + ep);
        }
        int first = ep.get(0).intValue();
        int last = ep.get(1).intValue();
        if (first < 1 || last < first) {
            throw s.error(k + ".epochs", "must satisfy 1 <= first <= last, got " + ep);
        }
        for (TrainingConfig.Phase other : earlier) {
            if (first <= other.last() && other.first() <= last) {
                throw s.error(k + ".epochs", "overlaps " + other.name() + " " + ep);
            }
        }
        Double lr = null;
        if (p.hasNonNull("lr")) {
            if (!p.get("lr").isNumber() || !(p.get("lr").doubleValue() > 0)) {
                throw s.error(k + ".lr", "must be > 0, got " + p.get("lr"));
            }
            lr = p.get("lr").doubleValue();
        }
        JsonNode parts = p.get("freeze_parts");
        List<String> freeze = parts == null || parts.isNull() ? List.of()
                : ConfigKey.STRINGS.read(parts, ConfigKey.optional(k + ".freeze_parts", ConfigKey.STRINGS, null, null), s);
        return new TrainingConfig.Phase(name, first, last, freeze, lr);
    }
}
