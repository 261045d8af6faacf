package enr4j.api;

import java.nio.file.Path;

/**
 * What a {@link Training} run did.
 *
 * @param runDirectory the run's folder (config copy, loss histories, saved state, models)
 * @param model        the last saved model folder, or null when none was saved
 * @param steps        optimizer steps of the whole run (earlier invocations included)
 * @param trainLoss    mean total loss of the last completed epoch, else of the last steps (NaN when none)
 * @param completed    true when every configured epoch ran, false when a budget or a stop request ended it
 */
public record TrainingResult(Path runDirectory, Path model, long steps, double trainLoss, boolean completed) {}
