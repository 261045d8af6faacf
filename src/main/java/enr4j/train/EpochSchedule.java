package enr4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * What changes at epoch boundaries: the learning rate and which parameters are frozen. Built from the config's
 * {@code freeze_parts} (frozen all run long), {@code progressive_freezing} phases (each with its own frozen parts
 * and optional lr, for epochs first..last) and the base learning rate ({@code finetune_lr} when fine-tuning).
 */
public final class EpochSchedule {
    /** The settings of one epoch. */
    public record Settings(double lr, List<String> frozenParts) {}

    private final double baseLr;
    private final List<String> alwaysFrozen;
    private final List<TrainingConfig.Phase> phases;

    public EpochSchedule(double baseLr, List<String> alwaysFrozen, List<TrainingConfig.Phase> phases) {
        this.baseLr = baseLr;
        this.alwaysFrozen = List.copyOf(alwaysFrozen);
        this.phases = List.copyOf(phases);
    }

    public static EpochSchedule of(TrainingConfig config) {
        return new EpochSchedule(config.baseLearningRate(), config.transfer().freezeParts(), config.transfer().phases());
    }

    /** @param epoch 1-based */
    public Settings at(int epoch) {
        List<String> frozen = new ArrayList<>(alwaysFrozen);
        double lr = baseLr;
        for (TrainingConfig.Phase p : phases) {
            if (epoch >= p.first() && epoch <= p.last()) {
                frozen.addAll(p.freezeParts());
                if (p.lr() != null) {
                    lr = p.lr();
                }
            }
        }
        return new Settings(lr, List.copyOf(frozen));
    }

    /**
     * Checks that every freeze pattern (always-frozen and per phase) names at least one parameter.
     *
     * @param source the config file, for the message
     * @throws enr4j.model.ConfigException naming the first pattern that matches nothing
     */
    public void requireMatches(java.util.Collection<String> parameterNames, Object source) {
        List<String> patterns = new ArrayList<>(alwaysFrozen);
        phases.forEach(p -> patterns.addAll(p.freezeParts()));
        for (String pattern : patterns) {
            if (parameterNames.stream().noneMatch(n -> n.contains(pattern))) {
                throw new enr4j.model.ConfigException(source + ": freeze pattern \"" + pattern
                        + "\" matches no parameter (parts: "
                        + String.join(", ", enr4j.model.NeuralRenderer.PARTS) + ")");
            }
        }
    }

    /** One line per part: trainable and frozen parameter counts (elements) under {@code settings}. */
    public static String describe(Settings settings, Map<String, Tensor> parameters) {
        StringBuilder sb = new StringBuilder("phase: lr " + settings.lr() + ", frozen " + settings.frozenParts());
        for (String part : enr4j.model.NeuralRenderer.PARTS) {
            long trainable = 0;
            long frozen = 0;
            for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
                if (e.getKey().startsWith(part + ".")) {
                    boolean f = settings.frozenParts().stream().anyMatch(e.getKey()::contains);
                    if (f) {
                        frozen += e.getValue().numel();
                    } else {
                        trainable += e.getValue().numel();
                    }
                }
            }
            sb.append(String.format("%n  %-17s trainable %,11d   frozen %,11d", part, trainable, frozen));
        }
        return sb.toString();
    }

    /**
     * Applies an epoch's settings: {@code requires_grad} off for parameters whose name contains a frozen part,
     * on for the others; the optimizer's learning rate. Frozen parameters get no gradient, and the optimizer
     * skips them (their Adam moments are kept).
     *
     * @return how many parameters are frozen
     */
    public static int apply(Settings s, Map<String, Tensor> parameters, ParameterOptimizer optimizer) {
        int frozen = 0;
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            boolean freeze = s.frozenParts().stream().anyMatch(e.getKey()::contains);
            e.getValue().requires_grad_(!freeze);
            frozen += freeze ? 1 : 0;
        }
        optimizer.setLearningRate(s.lr());
        return frozen;
    }
}
