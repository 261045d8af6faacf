package enr4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks an architecture the way {@link NeuralRenderer}'s constructor builds it, without allocating a weight:
 * records every state_dict name with its shape, one summary row per layer of a part, and the elements of the
 * activations a training step keeps for its backward pass (one per conv, GroupNorm and residual sum; LeakyReLU
 * works in place). Mirrors {@link ResNet}, {@link ResidualBlock}, {@link PointwiseStack}, {@link Projection} and
 * {@link InverseProjection}; {@code ModelPlanTest} holds the two to the same names and shapes.
 */
final class PlanBuilder {
    final Map<String, long[]> weights = new LinkedHashMap<>();
    long activationElements;
    private long parameterTotal;

    /** One part's rows, filled as the walk goes. */
    final class PartWalk {
        final String name;
        final List<ModelPlan.Row> rows = new ArrayList<>();
        long parameters;

        PartWalk(String name) {
            this.name = name;
        }

        ModelPlan.Part done() {
            return new ModelPlan.Part(name, List.copyOf(rows), parameters);
        }
    }

    /** The reference ResNet: pointwise conv, then residual blocks, strided or transposed convs, optional final conv. */
    FeatureShape resnet(PartWalk part, FeatureShape input, List<Integer> channels, List<Integer> strides,
                        int finalConvChannels) {
        String seq = part.name + ".forward_layers.";
        int index = 0;
        FeatureShape x = row(part, input, seq + index++, Kind.CONV, channels.get(0), 1, true);
        for (int i = 0; i < channels.size(); i++) {
            int c = channels.get(i);
            switch (strides.get(i)) {
                case 1 -> x = residualBlock(part, x, seq + index++, c);
                case 2 -> x = row(part, x, seq + index++, Kind.DOWN, c, 4, true);
                case -2 -> x = row(part, x, seq + index++, Kind.UP, c, 4, true);
                default -> throw new ConfigException("stride " + strides.get(i) + " is not 1, 2 or -2");
            }
            if (strides.get(i) != 1) {
                x = row(part, x, seq + index++, Kind.NORM, c, 0, true);
                x = row(part, x, seq + index++, Kind.RELU, c, 0, false);
            }
        }
        if (finalConvChannels > 0) {
            x = row(part, x, seq + index, Kind.CONV, finalConvChannels, 1, true);
        }
        return x;
    }

    /** 1x1 convs with GroupNorm + LeakyReLU between them, as in both projections. */
    FeatureShape pointwiseStack(PartWalk part, FeatureShape input, List<Integer> channels) {
        String seq = part.name + ".forward_layers.";
        int index = 0;
        FeatureShape x = input;
        for (int i = 0; i < channels.size(); i++) {
            x = row(part, x, seq + index++, Kind.CONV, channels.get(i), 1, true);
            if (i < channels.size() - 1) {
                x = row(part, x, seq + index++, Kind.NORM, channels.get(i), 0, true);
                x = row(part, x, seq + index++, Kind.RELU, channels.get(i), 0, false);
            }
        }
        return x;
    }

    /** A row without weights, such as a reshape. */
    void reshape(PartWalk part, String description, FeatureShape input, FeatureShape output) {
        part.rows.add(new ModelPlan.Row(description, input, output, 0));
    }

    void buffer(String name, long[] shape) {
        weights.put(name, shape);
    }

    void activation(FeatureShape shape) {
        activationElements = Math.addExact(activationElements, elements(shape));
    }

    private enum Kind { CONV, DOWN, UP, NORM, RELU }

    private FeatureShape row(PartWalk part, FeatureShape in, String prefix, Kind kind, int out, int kernel,
                             boolean bias) {
        long before = parameterTotal();
        FeatureShape output = primitive(in, prefix, kind, out, kernel, bias);
        long parameters = parameterTotal() - before;
        part.rows.add(new ModelPlan.Row(describe(in, kind, out, kernel, bias), in, output, parameters));
        part.parameters += parameters;
        return output;
    }

    private FeatureShape residualBlock(PartWalk part, FeatureShape in, String prefix, int hidden) {
        long before = parameterTotal();
        String seq = prefix + ".residual_layers.forward_layers.";
        int c = in.channels();
        FeatureShape x = primitive(in, seq + 0, Kind.NORM, c, 0, true);
        x = primitive(x, seq + 2, Kind.CONV, hidden, 1, false);
        x = primitive(x, seq + 3, Kind.NORM, hidden, 0, true);
        x = primitive(x, seq + 5, Kind.CONV, hidden, 3, false);
        x = primitive(x, seq + 6, Kind.NORM, hidden, 0, true);
        primitive(x, seq + 8, Kind.CONV, c, 1, false);
        activation(in); // the residual sum
        long parameters = parameterTotal() - before;
        int d = in.spatial().length;
        part.rows.add(new ModelPlan.Row("ResBlock" + d + "d " + c + "->" + hidden + "->" + c, in, in, parameters));
        part.parameters += parameters;
        return in;
    }

    private FeatureShape primitive(FeatureShape in, String prefix, Kind kind, int out, int kernel, boolean bias) {
        int d = in.spatial().length;
        FeatureShape output = switch (kind) {
            case NORM, RELU -> in;
            case CONV -> in.withChannels(out);
            case DOWN -> new FeatureShape(out, scaled(in.spatial(), 0.5));
            case UP -> new FeatureShape(out, scaled(in.spatial(), 2));
        };
        if (kind == Kind.NORM) {
            parameter(prefix + ".weight", new long[] {out});
            parameter(prefix + ".bias", new long[] {out});
        } else if (kind != Kind.RELU) {
            long[] w = new long[2 + d];
            w[0] = kind == Kind.UP ? in.channels() : out;
            w[1] = kind == Kind.UP ? out : in.channels();
            for (int i = 0; i < d; i++) {
                w[2 + i] = kernel;
            }
            parameter(prefix + ".weight", w);
            if (bias) {
                parameter(prefix + ".bias", new long[] {out});
            }
        }
        if (kind != Kind.RELU) {
            activation(output);
        }
        return output;
    }

    private static String describe(FeatureShape in, Kind kind, int out, int kernel, boolean bias) {
        int d = in.spatial().length;
        return switch (kind) {
            case NORM -> "GroupNorm " + out + " (" + GroupNorm.groupsFor(out) + " groups)";
            case RELU -> "LeakyReLU 0.2";
            default -> (kind == Kind.UP ? "ConvTranspose" : "Conv") + d + "d " + in.channels() + "->" + out + " k"
                    + kernel + (kind != Kind.CONV ? " s2" : "") + (bias ? "" : " (no bias)");
        };
    }

    private static int[] scaled(int[] spatial, double factor) {
        int[] out = new int[spatial.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) (spatial[i] * factor);
        }
        return out;
    }

    long parameterTotal() {
        return parameterTotal;
    }

    private void parameter(String name, long[] shape) {
        weights.put(name, shape);
        parameterTotal = Math.addExact(parameterTotal, elements(shape));
    }

    static long elements(FeatureShape shape) {
        long n = shape.channels();
        for (int s : shape.spatial()) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }
}
