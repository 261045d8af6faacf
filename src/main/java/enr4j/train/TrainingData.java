package enr4j.train;

import enr4j.data.ColourAugmentation;
import enr4j.data.PairSampler;
import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import java.nio.file.Path;

/**
 * The datasets and samplers of a run, checked before anything is written, and the colour augmentation of its
 * training pairs (validation batches are never augmented).
 */
record TrainingData(SceneDataset train, PairSampler sampler, SceneDataset validation, PairSampler validationSampler,
                    ColourAugmentation augmentation) {

    static TrainingData open(TrainingConfig config) {
        TrainingConfig.Data d = config.data();
        ReaderOptions reader = new ReaderOptions(config.model().imageSize(), d.cropSize(), d.poses(), false);
        SceneDataset train = SceneDataset.open(d.pathToData(), reader);
        PairSampler sampler = sampler(train, config, d.pathToData());
        ColourAugmentation augmentation = new ColourAugmentation(d.colourAugmentation(), config.optimisation().seed());
        if (d.pathToTestData() == null) {
            return new TrainingData(train, sampler, null, null, augmentation);
        }
        SceneDataset val = SceneDataset.open(d.pathToTestData(), reader);
        return new TrainingData(train, sampler, val, sampler(val, config, d.pathToTestData()), augmentation);
    }

    private static PairSampler sampler(SceneDataset ds, TrainingConfig config, Path path) {
        PairSampler s = PairSampler.forDataset(ds, config.batchSize(), config.optimisation().seed());
        if (s.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException(path + ": " + ds.imageCount() + " usable images, fewer than one"
                    + " batch of " + config.batchSize());
        }
        return s;
    }
}
