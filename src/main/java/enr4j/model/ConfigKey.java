package enr4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One key of a config file: its name, how its JSON value is read, its default and its check. A table of these is
 * the one place a key is spelled; errors name the file, the key and the value.
 *
 * @param name     the JSON key
 * @param type     reads the JSON value (never null when called)
 * @param fallback the value when the key is absent or null (null: optional without default, or required)
 * @param required absent is an error ("missing key")
 * @param check    returns what is wrong with a value (the default included), or null when it is fine
 */
public record ConfigKey<T>(String name, Type<T> type, T fallback, boolean required, Check<T> check) {

    /** Reads a JSON value; throws through {@link ConfigSource#error} when it has the wrong form. */
    @FunctionalInterface
    public interface Type<T> {
        T read(JsonNode value, ConfigKey<?> key, ConfigSource source);
    }

    /** What is wrong with a value (completing {@code "key" ...}), or null. */
    @FunctionalInterface
    public interface Check<T> {
        String problem(T value);
    }

    public static <T> ConfigKey<T> optional(String name, Type<T> type, T fallback, Check<T> check) {
        return new ConfigKey<>(name, type, fallback, false, check);
    }

    public static <T> ConfigKey<T> required(String name, Type<T> type, Check<T> check) {
        return new ConfigKey<>(name, type, null, true, check);
    }

    /** The value in {@code source}: read, defaulted and checked. */
    public T read(ConfigSource source) {
        JsonNode v = source.value(name);
        if (v == null && required) {
            throw source.missing(name);
        }
        T value = v == null ? fallback : type.read(v, this, source);
        String problem = check == null || value == null ? null : check.problem(value);
        if (problem != null) {
            throw source.error(name, problem);
        }
        return value;
    }

    // ---- types -------------------------------------------------------------------------------------------------

    public static final Type<String> STRING = (v, k, s) -> {
        if (!v.isTextual()) {
            throw s.error(k.name(), "must be a string, got " + v);
        }
        return v.asText();
    };

    public static final Type<Boolean> BOOLEAN = (v, k, s) -> {
        if (!v.isBoolean()) {
            throw s.error(k.name(), "must be true or false, got " + v);
        }
        return v.booleanValue();
    };

    public static final Type<Integer> INTEGER = (v, k, s) -> {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw s.error(k.name(), "must be an integer, got " + v);
        }
        return v.intValue();
    };

    public static final Type<Long> LONG = (v, k, s) -> {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw s.error(k.name(), "must be an integer, got " + v);
        }
        return v.longValue();
    };

    public static final Type<Double> NUMBER = (v, k, s) -> {
        if (!v.isNumber()) {
            throw s.error(k.name(), "must be a number, got " + v);
        }
        return v.doubleValue();
    };

    /** A list of non-empty strings. */
    public static final Type<List<String>> STRINGS = (v, k, s) -> {
        if (!v.isArray()) {
            throw s.error(k.name(), "must be a list of strings, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isEmpty()) {
                throw s.error(k.name(), "must hold non-empty strings, got " + e);
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
    };

    /** A non-empty list of integers. */
    public static final Type<List<Integer>> INTEGERS = (v, k, s) -> {
        if (!v.isArray() || v.isEmpty()) {
            throw s.error(k.name(), "must be a non-empty list of integers, got " + v);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isIntegralNumber()) {
                throw s.error(k.name(), "must hold integers, got " + e);
            }
            out.add(e.intValue());
        }
        return List.copyOf(out);
    };

    /** A string mapped through {@code parse}, which returns null for a value it does not know. */
    public static <T> Type<T> choice(Function<String, T> parse, String expected) {
        return (v, k, s) -> {
            T parsed = v.isTextual() ? parse.apply(v.asText()) : null;
            if (parsed == null) {
                throw s.error(k.name(), "must be " + expected + ", got " + v);
            }
            return parsed;
        };
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    public static Check<Integer> atLeast(int min) {
        return v -> v >= min ? null : "must be >= " + min + ", got " + v;
    }

    public static Check<Long> atLeastLong(long min) {
        return v -> v >= min ? null : "must be >= " + min + ", got " + v;
    }

    /** Finite and above zero. */
    public static final Check<Double> POSITIVE = v -> v > 0 && !v.isInfinite() ? null : "must be > 0, got " + v;

    /** Finite and not below zero. */
    public static final Check<Double> NON_NEGATIVE = v -> v >= 0 && !v.isInfinite() ? null : "must be >= 0, got " + v;

    /** Every element at least zero. */
    public static final Check<List<Integer>> NON_NEGATIVE_ELEMENTS = v -> v.stream().allMatch(e -> e >= 0) ? null
            : "must hold non-negative integers, got " + v.stream().filter(e -> e < 0).findFirst().orElseThrow();
}
