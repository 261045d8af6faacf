package enr4j.train;

import enr4j.torch.StepScope;
import enr4j.data.Batch;
import enr4j.data.BatchAssembler;
import enr4j.data.BatchLoader;
import enr4j.data.ImageStore;
import enr4j.data.PairSampler;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Precision;
import enr4j.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference's training loop; everything around it is a part: {@link Checkpoints}, {@link Validation} with
 * the best model, {@link WeightAverage} (EMA), {@link RunArtefacts}, {@link LossLog} (histories, metrics, progress,
 * the non-finite check) and {@link DistributedContext} for data-parallel runs.
 *
 * <p>Use {@link #create} for a new run or {@link #resume} to continue one, optionally add {@link LossTerm}s,
 * {@link StepHook}s and {@link EpochHook}s, then {@link #run()}. One trainer runs once, on the calling thread
 * (libtorch's grad mode is per thread). {@link #requestStop()} may be called from any thread: the training thread
 * saves the state between two steps and returns.
 */
public final class Trainer {
    /** Why {@link #run()} returned. */
    public enum StopReason { COMPLETED, MAX_STEPS, MAX_MINUTES, INTERRUPTED }

    /**
     * What a run did.
     *
     * @param stepsThisRun    optimizer steps of this invocation
     * @param imagesPerSecond training images per second of this invocation (steps only, not saves/validation)
     * @param trainLoss       mean total loss of the last completed epoch (NaN if none), else of the last steps
     * @param valLoss         last validation total, or NaN without validation
     */
    public record Result(Path runDirectory, StopReason reason, int epochsDone, long globalStep, long stepsThisRun,
                         double imagesPerSecond, double stepsPerSecond, double trainLoss, double valLoss,
                         Path model, Path bestModel) {}

    /** How a trainer reports and whether it handles Ctrl-C. */
    public record Options(ProgressReporter progress, boolean handleShutdown, int prefetch) {
        public static Options quiet() {
            return new Options(ProgressReporter.silent(), false, BatchLoader.DEFAULT_PREFETCH);
        }

        public static Options console() {
            return new Options(ProgressReporter.console(), true, BatchLoader.DEFAULT_PREFETCH);
        }
    }

    private final TrainingConfig config;
    private final RunSetup setup;
    private final ProgressReporter progress;
    private final NeuralRenderer model;
    private final Device device;
    private final Precision precision;
    private final FlatAdam optimizer;
    private final TrainingState state;
    private final DistributedContext dist;
    private final List<LossTerm> lossTerms = new ArrayList<>();
    private final List<StepHook> hooks = new ArrayList<>();
    private final List<EpochHook> extraEpochHooks = new ArrayList<>();
    private final WeightAverage average;
    private volatile boolean stopRequested;
    private boolean ran;

    Trainer(RunSetup setup) {
        this.setup = setup;
        this.config = setup.config();
        this.dist = setup.dist();
        this.state = setup.state();
        this.progress = dist.isMain() ? setup.options().progress() : ProgressReporter.silent();
        this.device = dist.device(config.resolvedDevice());
        this.precision = config.resolvedPrecision();
        precision.configure(device.is_cuda());
        this.model = setup.model();
        model.to(device, false);
        this.optimizer = new FlatAdam(model.weightSlots(), config.baseLearningRate(), precision);
        dist.shareWeights(optimizer);
        TrainingConfig.Transfer t = config.transfer();
        this.average = t.useEma() ? new WeightAverage(optimizer, t.emaDecay()) : null;
        if (average != null) {
            hooks.add(average);
        }
        if (t.perceptualLossWeight() > 0) {
            lossTerms.add(new PerceptualLoss(new Vgg19Features(t.vgg19Weights(), t.perceptualLayers(), device),
                    t.perceptualLossWeight()));
        }
        if (config.optimisation().chromaLossWeight() > 0) {
            lossTerms.add(new ChromaLoss(config.optimisation().chromaLossWeight()));
        }
    }

    /** Starts a new run in a new folder under {@code outDir}. */
    public static Trainer create(TrainingConfig config, Path outDir, Options options) {
        return RunSetup.create(config, outDir, options);
    }

    /**
     * Continues the run in {@code runDir} from its last saved state (end of an epoch, a periodic checkpoint or
     * where it was interrupted). {@code overrides} changes the run's config for this invocation (epochs, device,
     * budgets). Refuses while another process trains the same run.
     */
    public static Trainer resume(Path runDir, UnaryOperator<TrainingConfig> overrides, Options options) {
        return RunSetup.resume(runDir, overrides, options);
    }

    /** Adds a term to the training loss (before {@link #run()}). */
    public Trainer addLossTerm(LossTerm term) {
        lossTerms.add(term);
        return this;
    }

    /** Adds a hook called after each optimizer step (before {@link #run()}). */
    public Trainer addStepHook(StepHook hook) {
        hooks.add(hook);
        return this;
    }

    /** Adds a hook called after each epoch, after the run's own (before {@link #run()}). */
    public Trainer addEpochHook(EpochHook hook) {
        extraEpochHooks.add(hook);
        return this;
    }

    /** Asks the training thread to save its state and return at the next step boundary. */
    public void requestStop() {
        stopRequested = true;
    }

    public Path runDirectory() {
        return setup.run().root();
    }

    public NeuralRenderer model() {
        return model;
    }

    public TrainingConfig config() {
        return config;
    }

    public FlatAdam optimizer() {
        return optimizer;
    }

    /** Trains until the configured epochs are done, a budget is spent or a stop is requested. */
    public Result run() {
        if (ran) {
            throw new IllegalStateException("a trainer runs once");
        }
        ran = true;
        return setup.guard(this::requestStop, this::train);
    }

    /** The loop's parts for one invocation. */
    private record Parts(ImageStore store, PairSampler sampler, TrainingStep step, GraphedTrainingStep graphed,
                         LossLog log, ModelSaver saver, Checkpoints checkpoints, List<EpochHook> epochHooks,
                         Budget budget) {}

    private Parts parts() {
        RunDirectory run = setup.run();
        TrainingData data = setup.data();
        ImageStore store = ImageStore.create(data.train());
        PairSampler sampler = data.sampler();
        RenderingLoss loss = new RenderingLoss(config.optimisation().lossType(), config.optimisation().ssimLossWeight(),
                lossTerms);
        TrainingStep step = new TrainingStep(model, loss, optimizer, precision, device.is_cuda());
        if (!setup.fresh()) {
            hooks.forEach(h -> h.load(run.state()));
        }
        MetricsCsv metrics = run.readOnly() ? MetricsCsv.disabled()
                : MetricsCsv.open(run.file(MetricsCsv.FILE), state.globalStep);
        LossLog log = new LossLog(state, progress, metrics, dist, config.batchSize(),
                config.limits().maxNonFiniteSteps());
        ModelSaver saver = new ModelSaver(run, model, average, state, log,
                ModelSaver.dataName(config.data().pathToData()));
        Batch fixed = new BatchAssembler(store).assemble(sampler.batches(0).get(0));
        RunArtefacts artefacts = new RunArtefacts(run, state, saver, progress, model, device, precision, fixed, config,
                sampler.batchesPerEpoch());
        if (setup.fresh()) {
            artefacts.begin();
        }
        Checkpoints checkpoints = new Checkpoints(run, state, model, optimizer, hooks, log,
                config.limits().checkpointMinutes());
        List<EpochHook> epochHooks = new ArrayList<>(List.of(artefacts));
        if (data.validation() != null) {
            epochHooks.add(new Validation(ImageStore.create(data.validation()), data.validationSampler().batches(0),
                    step, device, config.optimisation().ssimLossWeight(), state, run, saver, progress));
        }
        epochHooks.add(checkpoints);
        epochHooks.addAll(extraEpochHooks);
        boolean graphs = enr4j.torch.cuda.CudaGraphs.requested() && device.is_cuda() && !dist.distributed();
        GraphedTrainingStep graphed = graphs ? new GraphedTrainingStep(step, 3) : null;
        return new Parts(store, sampler, step, graphed, log, saver, checkpoints, epochHooks, new Budget(config, dist));
    }

    private Result train() {
        Parts p = parts();
        int batchesPerEpoch = p.sampler().batchesPerEpoch();
        long firstStep = state.globalStep;
        StopReason reason = StopReason.COMPLETED;
        EpochSchedule.Settings last = null;
        progress.startRun(firstStep, p.budget().lastStep(batchesPerEpoch));
        try (LossBuffer losses = new LossBuffer(config.logEvery(), device)) {
            while (reason == StopReason.COMPLETED && state.epochsDone < config.epochs()) {
                int epoch = state.epochsDone + 1;
                last = beginEpoch(epoch, last);
                var batches = dist.shard(p.sampler().batches(epoch - 1)).subList(state.stepInEpoch, batchesPerEpoch);
                progress.startEpoch(epoch, config.epochs(), batchesPerEpoch, state.stepInEpoch);
                p.log().resumeClock();
                try (BatchLoader loader = new BatchLoader(p.store(), batches, setup.options().prefetch(),
                        setup.data().augmentation().forEpoch(epoch - 1))) {
                    while (reason == StopReason.COMPLETED && loader.hasNext()) {
                        Budget.Decision d = p.budget().decide(state.globalStep, stopRequested, p.checkpoints().due());
                        if (d.stop() != null || d.checkpoint()) {
                            p.log().flush(losses, state.stepInEpoch);
                            p.checkpoints().save();
                            p.log().resumeClock();
                        }
                        if (d.stop() != null) {
                            reason = d.stop();
                        } else {
                            trainOn(loader.next(), p, losses);
                            if (losses.full()) {
                                p.log().flush(losses, state.stepInEpoch);
                            }
                        }
                    }
                }
                if (reason != StopReason.COMPLETED) {
                    progress.endEpoch();
                    p.saver().save(setup.run().model());
                    progress.message("stopped at epoch " + epoch + ", batch " + state.stepInEpoch
                            + "; state saved in " + setup.run().state());
                    break;
                }
                p.log().flush(losses, state.stepInEpoch);
                progress.endEpoch();
                state.epochsDone = epoch;
                state.stepInEpoch = 0;
                p.epochHooks().forEach(h -> h.afterEpoch(epoch));
                if (stopRequested && !dist.distributed()) { // with several processes the next batch decides together
                    reason = StopReason.INTERRUPTED;
                }
            }
        } catch (NonFiniteTrainingException e) {
            throw new NonFiniteTrainingException(e.step(), e.getMessage() + "; " + p.checkpoints().describeSaved()
                    + "; nothing was saved after it (a lower \"lr\" may help)");
        } finally {
            if (p.graphed() != null) {
                p.graphed().close();
            }
        }
        long stepsThisRun = state.globalStep - firstStep;
        if (stepsThisRun > 0) {
            p.saver().saveModelIfBehind();
        }
        dist.requireIdenticalWeights(optimizer, "at the end of the run");
        if (dist.distributed()) {
            progress.message("weights identical on all " + dist.worldSize() + " processes");
        }
        return result(reason, stepsThisRun, p.log().trainSeconds());
    }

    /** One optimizer step on {@code batch}, its losses kept on the device, then the step hooks. */
    private void trainOn(Batch batch, Parts p, LossBuffer losses) {
        try (StepScope scope = StepScope.open()) {
            Tensor images = batch.imagesOn(device);
            RenderingLoss.Terms terms = p.graphed() != null ? p.graphed().run(images, batch.poses())
                    : p.step().run(images, batch.poses());
            losses.record(terms, optimizer.gradientSum());
        }
        state.globalStep++;
        state.stepInEpoch++;
        for (StepHook h : hooks) {
            h.afterStep(state.globalStep);
        }
    }

    /** Seeds the epoch and applies its learning rate and frozen parts, announcing a change of phase. */
    private EpochSchedule.Settings beginEpoch(int epoch, EpochSchedule.Settings last) {
        Torch.seed(config.optimisation().seed() + epoch);
        EpochSchedule.Settings settings = EpochSchedule.of(config).at(epoch);
        Map<String, Tensor> parameters = model.namedParameters();
        EpochSchedule.apply(settings, parameters, optimizer);
        boolean firstPlain = last == null && settings.frozenParts().isEmpty();
        if (!settings.equals(last) && !firstPlain) {
            progress.message(EpochSchedule.describe(settings, parameters));
        }
        return settings;
    }

    private Result result(StopReason reason, long stepsThisRun, double seconds) {
        RunDirectory run = setup.run();
        double trainLoss = state.epochs.size() > 0 ? state.epochs.lastTotal() : state.iterations.size() > 0
                ? state.iterations.meanOfLast(Math.min(state.iterations.size(), 10))[0] : Double.NaN;
        return new Result(run.root(), reason, state.epochsDone, state.globalStep, stepsThisRun,
                seconds > 0 ? stepsThisRun * config.batchSize() / seconds : 0, seconds > 0 ? stepsThisRun / seconds : 0,
                trainLoss, state.validation.size() > 0 ? state.validation.lastTotal() : Double.NaN,
                Files.isDirectory(run.model()) ? run.model() : null,
                Files.isDirectory(run.bestModel()) ? run.bestModel() : null);
    }
}
