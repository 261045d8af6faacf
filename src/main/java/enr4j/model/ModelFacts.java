package enr4j.model;

import enr4j.torch.io.ModelFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is known about how a saved model came to be, for its model card and metadata. Every component may be
 * null (unknown): unknown facts are left out, never guessed.
 *
 * @param trainingData  the training images, e.g. the dataset folder as the run named it
 * @param trainingSteps optimizer steps the weights were trained for
 * @param psnr          mean PSNR in dB of an evaluation of exactly these weights
 * @param psnrTestSet   the test set that PSNR was measured on
 */
public record ModelFacts(String trainingData, Long trainingSteps, Double psnr, String psnrTestSet) {
    /** Nothing known beyond the architecture. */
    public static final ModelFacts NONE = new ModelFacts(null, null, null, null);

    static final String TRAINING_DATA = "training_data";
    static final String TRAINING_STEPS = "training_steps";
    static final String PSNR = "psnr_db";
    static final String PSNR_TEST_SET = "psnr_test_set";

    /** These facts with an evaluation's result. */
    public ModelFacts withEvaluation(double meanPsnr, String testSet) {
        return new ModelFacts(trainingData, trainingSteps, meanPsnr, testSet);
    }

    /** The known facts as metadata strings (numbers in Java's round-trip notation). */
    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        putIfKnown(m, TRAINING_DATA, trainingData);
        putIfKnown(m, TRAINING_STEPS, trainingSteps);
        putIfKnown(m, PSNR, psnr);
        putIfKnown(m, PSNR_TEST_SET, psnrTestSet);
        return m;
    }

    /**
     * The facts recorded in a saved model's metadata; keys it does not hold are unknown.
     *
     * @throws ModelFileException naming {@code source} and the key when a number does not parse
     */
    static ModelFacts fromMetadata(Map<String, String> metadata, String source) {
        String steps = metadata.get(TRAINING_STEPS);
        String psnr = metadata.get(PSNR);
        try {
            return new ModelFacts(metadata.get(TRAINING_DATA), steps == null ? null : Long.valueOf(steps),
                    psnr == null ? null : Double.valueOf(psnr), metadata.get(PSNR_TEST_SET));
        } catch (NumberFormatException e) {
            String key = steps != null && !steps.matches("-?\\d+") ? TRAINING_STEPS : PSNR;
            throw new ModelFileException(source + ": metadata '" + key + "' is not a number: '" + metadata.get(key) + "'");
        }
    }

    private static void putIfKnown(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }
}
