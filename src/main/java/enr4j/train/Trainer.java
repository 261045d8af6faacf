package enr4j.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.data.Batch;
import enr4j.data.BatchAssembler;
import enr4j.data.BatchLoader;
import enr4j.data.ImageStore;
import enr4j.data.PairSampler;
import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import enr4j.data.ViewIndex;
import enr4j.geometry.CameraPose;
import enr4j.io.AtomicFiles;
import enr4j.model.ConfigException;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import enr4j.torch.dist.Collective;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The reference's training loop with run folders, budgets, resume and interruption.
 *
 * <p>Use {@link #create} for a new run or {@link #resume} to continue one, optionally add {@link LossTerm}s and
 * {@link StepHook}s, then {@link #run()}. One trainer runs once, on the calling thread (libtorch's grad mode is
 * per thread). {@link #requestStop()} may be called from any thread: the training thread saves the state
 * between two steps and returns.
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

    private static final long SHUTDOWN_WAIT_SECONDS = 120;

    private final TrainingConfig config;
    private final RunDirectory run;
    private final Options options;
    private final NeuralRenderer model;
    private final Device device;
    private final boolean cuda;
    private final Precision precision;
    private final FlatAdam optimizer;
    private final EpochSchedule schedule;
    private final LossHistory iterations;
    private final LossHistory epochs;
    private final LossHistory validation;
    private final Checkpointer.State initial;
    private final boolean fresh;
    private final List<LossTerm> lossTerms = new ArrayList<>();
    private final List<StepHook> hooks = new ArrayList<>();
    /** The weights' moving average when {@code use_ema} is on: validation, renders and saved models use it. */
    private final WeightAverage average;
    private final Data data;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private boolean ran;
    /** The other processes of a data-parallel run, or null. */
    private final Collective dist;
    private EpochSchedule.Settings lastSettings;

    private Trainer(TrainingConfig config, Data data, RunDirectory run, Options options, NeuralRenderer model,
                    Checkpointer.State initial, LossHistory iterations, LossHistory epochs, LossHistory validation,
                    boolean fresh, Collective dist) {
        this.config = config;
        this.data = data;
        this.run = run;
        this.dist = dist;
        this.options = dist == null || dist.isMain() ? options
                : new Options(ProgressReporter.silent(), options.handleShutdown(), options.prefetch());
        boolean wantsCuda = config.resolvedDevice().startsWith("cuda");
        this.device = Torch.device(dist != null && wantsCuda ? "cuda:" + dist.localRank() : config.resolvedDevice());
        this.cuda = device.is_cuda();
        this.precision = config.resolvedPrecision();
        precision.configure(cuda);
        this.model = model;
        model.to(device, false);
        this.optimizer = new FlatAdam(model.weightSlots(), config.baseLearningRate(), precision);
        if (dist != null) {
            dist.broadcast(optimizer.master());
            optimizer.syncComputeCopies();
            requireIdenticalWeights("after the initial broadcast");
            optimizer.reduceGradientsWith(dist::allReduceMean);
        }
        this.average = config.useEma() ? new WeightAverage(optimizer, config.emaDecay()) : null;
        if (average != null) {
            hooks.add(average);
        }
        if (config.perceptualLossWeight() > 0) {
            lossTerms.add(new PerceptualLoss(new Vgg19Features(config.vgg19Weights(), config.perceptualLayers(), device),
                    config.perceptualLossWeight()));
        }
        this.schedule = EpochSchedule.of(config);
        this.initial = initial;
        this.iterations = iterations;
        this.epochs = epochs;
        this.validation = validation;
        this.fresh = fresh;
    }

    /** Starts a new run in a new folder under {@code outDir}. */
    public static Trainer create(TrainingConfig config, Path outDir, Options options) {
        requireVggWeights(config);
        Data data = Data.open(config);
        Torch.seed(config.seed());
        NeuralRenderer model = new NeuralRenderer(config.model());
        if (config.pretrainedModelPath() != null) {
            NeuralRenderer pretrained = ModelFiles.load(config.pretrainedModelPath());
            ModelFiles.loadWeights(model, ModelFiles.weights(pretrained), config.pretrainedModelPath().toString());
        }
        EpochSchedule.of(config).requireMatches(model.namedParameters().keySet(), config.source());
        Collective dist = joinRun(config);
        RunDirectory run;
        if (dist == null || dist.isMain()) {
            run = RunDirectory.create(outDir, config.id(), LocalDateTime.now());
            writeConfigCopy(config, run);
        } else {
            run = RunDirectory.detached(outDir.resolve("rank-" + dist.rank()));
        }
        return new Trainer(config, data, run, options, model, new Checkpointer.State(0, 0, 0, 0, 0, null),
                new LossHistory(), new LossHistory(), new LossHistory(), true, dist);
    }

    /**
     * Continues the run in {@code runDir} from its last saved state (end of an epoch, or where it was
     * interrupted). {@code overrides} changes the run's config for this invocation (epochs, device, budgets).
     */
    public static Trainer resume(Path runDir, UnaryOperator<TrainingConfig> overrides, Options options) {
        RunDirectory run = RunDirectory.open(runDir);
        var info = run.readJson(RunDirectory.RUN_INFO);
        Path base = info.hasNonNull("config_dir") ? Path.of(info.get("config_dir").asText()) : run.root();
        TrainingConfig config = overrides.apply(TrainingConfig.load(run.file(RunDirectory.CONFIG), base));
        Checkpointer.State state = Checkpointer.readState(run.state());
        NeuralRenderer model = Checkpointer.loadModel(run.state());
        LossHistory it = readHistory(run, RunDirectory.LOSS_HISTORY, state.iterations());
        LossHistory ep = readHistory(run, RunDirectory.EPOCH_LOSS_HISTORY, state.epochsDone());
        LossHistory val = readHistory(run, RunDirectory.VAL_LOSS_HISTORY, state.valEpochs());
        Collective dist = joinRun(config);
        RunDirectory view = dist == null || dist.isMain() ? run : run.readOnlyView();
        Trainer t = new Trainer(config, Data.open(config), view, options, model, state, it, ep, val, false, dist);
        Checkpointer.loadOptimizer(run.state(), t.optimizer, t.device);
        return t;
    }


    /**
     * The data-parallel run this process belongs to (torchrun's environment), or null. {@code batch_size} is the
     * global batch: each of the W processes takes a contiguous 1/W of every batch, so pairs stay whole and the
     * learning rate needs no scaling (the averaged gradient equals one process's gradient over the whole batch).
     */
    private static Collective joinRun(TrainingConfig config) {
        boolean cuda = config.resolvedDevice().startsWith("cuda");
        Collective dist = Collective.fromEnvironment(cuda);
        if (dist != null && config.batchSize() % (2 * dist.worldSize()) != 0) {
            dist.close();
            throw new ConfigException(config.source() + ": \"batch_size\" " + config.batchSize() + " over "
                    + dist.worldSize() + " processes must give each an even number of images (pairs stay whole)");
        }
        return dist;
    }

    /** A perceptual loss needs its VGG19 weights: say so before anything is written. */
    private static void requireVggWeights(TrainingConfig c) {
        if (c.perceptualLossWeight() > 0 && (c.vgg19Weights() == null || !Files.isRegularFile(c.vgg19Weights()))) {
            throw new ConfigException(c.source() + ": \"perceptual_loss_weight\" needs \"vgg19_weights\", a torchvision "
                    + "vgg19 state-dict file; " + (c.vgg19Weights() == null ? "none is set" : c.vgg19Weights() + " does not exist"));
        }
    }

    private static void writeConfigCopy(TrainingConfig config, RunDirectory run) {
        try {
            byte[] bytes = config.source() != null && Files.isRegularFile(config.source())
                    ? Files.readAllBytes(config.source())
                    : RunDirectory.JSON.writeValueAsBytes(config.raw());
            AtomicFiles.write(run.file(RunDirectory.CONFIG), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the config: " + e.getMessage(), e);
        }
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        if (config.source() != null) {
            info.put("config_source", config.source().toAbsolutePath().toString());
            info.put("config_dir", config.source().toAbsolutePath().getParent().toString());
        }
        info.put("created", LocalDateTime.now().toString());
        run.writeJson(RunDirectory.RUN_INFO, info);
    }

    private static LossHistory readHistory(RunDirectory run, String name, int expected) {
        Path f = run.file(name);
        if (!Files.exists(f)) {
            if (expected > 0) {
                throw new IllegalArgumentException(f + ": missing, the saved state expects " + expected + " entries");
            }
            return new LossHistory();
        }
        LossHistory h = LossHistory.fromJson(RunDirectory.readJson(f), f.toString());
        h.truncate(expected);
        return h;
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

    /** Asks the training thread to save its state and return at the next step boundary. */
    public void requestStop() {
        stopRequested = true;
    }

    public Path runDirectory() {
        return run.root();
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
        Thread hook = options.handleShutdown() ? new Thread(this::onShutdown, "enr4j-train-shutdown") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            return train();
        } finally {
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting; the hook is already waiting on `finished`
                }
            }
        }
    }

    private void onShutdown() {
        stopRequested = true;
        try {
            if (!finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("enr: training did not save its state within " + SHUTDOWN_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Result train() {
        ProgressReporter progress = options.progress();
        int size = config.model().imageSize();
        ImageStore store = ImageStore.create(data.train());
        PairSampler sampler = data.sampler();
        int batchesPerEpoch = sampler.batchesPerEpoch();
        Validation val = data.validation() == null ? null
                : new Validation(ImageStore.create(data.validation()), data.validationSampler().batches(0));
        TrainingStep step = new TrainingStep(model,
                new RenderingLoss(config.lossType(), config.ssimLossWeight(), lossTerms), optimizer, precision, cuda);
        for (StepHook h : hooks) {
            if (!fresh) {
                h.load(run.state());
            }
        }
        Batch fixed = new BatchAssembler(store).assemble(sampler.batches(0).get(0));
        if (fresh) {
            run.writeGrid(run.file(RunDirectory.GROUND_TRUTH), split(fixed), size);
            run.writeGrid(run.generatedImages(0), renderFixed(fixed), size);
        }

        long startNanos = System.nanoTime();
        long deadline = config.maxMinutes() == null ? Long.MAX_VALUE
                : startNanos + (long) (config.maxMinutes() * 60e9);
        long globalStep = initial.globalStep();
        int epochsDone = initial.epochsDone();
        int resumeStep = initial.stepInEpoch();
        Double bestVal = initial.bestValTotal();
        long stepsThisRun = 0;
        double trainNanos = 0;
        StopReason reason = StopReason.COMPLETED;
        boolean modelSaved = false;
        LossBuffer losses = new LossBuffer(config.logEvery(), device);
        try {
            epochLoop:
            while (epochsDone < config.epochs()) {
                int epoch = epochsDone + 1;
                Torch.seed(config.seed() + epoch);
                EpochSchedule.Settings settings = schedule.at(epoch);
                Map<String, Tensor> parameters = model.namedParameters();
                EpochSchedule.apply(settings, parameters, optimizer);
                boolean firstPlain = lastSettings == null && settings.frozenParts().isEmpty();
                if (!settings.equals(lastSettings) && !firstPlain) {
                    progress.message(EpochSchedule.describe(settings, parameters));
                }
                lastSettings = settings;
                List<List<ViewIndex>> batches = forThisProcess(sampler.batches(epoch - 1));
                int first = resumeStep;
                resumeStep = 0;
                progress.startEpoch(epoch, config.epochs(), batchesPerEpoch, first);
                int done = first;
                long flushStart = System.nanoTime();
                try (BatchLoader loader = new BatchLoader(store, batches.subList(first, batchesPerEpoch),
                        options.prefetch())) {
                    while (loader.hasNext()) {
                        StopReason stop = budgetReached(globalStep, deadline);
                        if (stop != null) {
                            reason = stop;
                            trainNanos += System.nanoTime() - flushStart;
                            flush(losses, progress, done, 0);
                            progress.endEpoch();
                            saveInterrupted(epochsDone, done, globalStep, bestVal);
                            modelSaved = true;
                            break epochLoop;
                        }
                        Batch batch = loader.next();
                        try (StepScope scope = StepScope.open()) {
                            Tensor images = batch.imagesOn(device);
                            List<CameraPose> poses = batch.poses();
                            losses.record(step.run(images, poses));
                        }
                        globalStep++;
                        stepsThisRun++;
                        done++;
                        for (StepHook h : hooks) {
                            h.afterStep(globalStep);
                        }
                        if (losses.full()) {
                            int n = losses.pending();
                            long now = System.nanoTime();
                            double seconds = (now - flushStart) / 1e9;
                            flush(losses, progress, done, n * config.batchSize() / Math.max(seconds, 1e-9));
                            trainNanos += System.nanoTime() - flushStart;
                            flushStart = System.nanoTime();
                        }
                    }
                }
                int n = losses.pending();
                flush(losses, progress, done, n * config.batchSize()
                        / Math.max((System.nanoTime() - flushStart) / 1e9, 1e-9));
                trainNanos += System.nanoTime() - flushStart;
                progress.endEpoch();
                epochsDone = epoch;
                modelSaved = false;
                double[] mean = iterations.meanOfLast(batchesPerEpoch);
                epochs.add(mean[0], mean[1], mean[2]);
                progress.message(String.format("epoch %d/%d: mean loss total %.4f, regression %.4f, ssim %.4f",
                        epoch, config.epochs(), mean[0], mean[1], mean[2]));
                run.writeGrid(run.generatedImages(epoch), averaged(() -> renderFixed(fixed)), size);
                run.writeJson(RunDirectory.LOSS_HISTORY, iterations.toJson());
                run.writeJson(RunDirectory.EPOCH_LOSS_HISTORY, epochs.toJson());
                if (epoch % config.saveFreq() == 0 || epoch == config.epochs()) {
                    saveModel(run.model());
                    modelSaved = true;
                }
                if (val != null) {
                    double[] v = averaged(() -> val.evaluate(step));
                    validation.add(v[0], v[1], v[2]);
                    run.writeJson(RunDirectory.VAL_LOSS_HISTORY, validation.toJson());
                    String line = String.format("validation: regression %.4f, ssim %.4f, total %.4f", v[1], v[2], v[0]);
                    if (bestVal == null || v[0] <= bestVal) {
                        bestVal = v[0];
                        saveModel(run.bestModel());
                        line += " (new best model)";
                    }
                    progress.message(line);
                }
                saveState(epochsDone, 0, globalStep, bestVal);
                if (stopRequested && dist == null) { // with several processes the next batch decides together
                    reason = StopReason.INTERRUPTED;
                    break;
                }
            }
            if (!modelSaved && stepsThisRun > 0) {
                saveModel(run.model());
            }
            if (dist != null) {
                requireIdenticalWeights("at the end of the run");
                options.progress().message("weights identical on all " + dist.worldSize() + " processes");
            }
        } finally {
            losses.close();
            if (dist != null) {
                dist.close();
            }
        }
        double seconds = trainNanos / 1e9;
        double trainLoss = epochs.size() > 0 ? epochs.lastTotal()
                : iterations.size() > 0 ? iterations.meanOfLast(Math.min(iterations.size(), 10))[0] : Double.NaN;
        return new Result(run.root(), reason, epochsDone, globalStep, stepsThisRun,
                seconds > 0 ? stepsThisRun * config.batchSize() / seconds : 0,
                seconds > 0 ? stepsThisRun / seconds : 0, trainLoss,
                validation.size() > 0 ? validation.lastTotal() : Double.NaN,
                Files.isDirectory(run.model()) ? run.model() : null,
                Files.isDirectory(run.bestModel()) ? run.bestModel() : null);
    }

    private StopReason budgetReached(long globalStep, long deadline) {
        if (config.maxSteps() != null && globalStep >= config.maxSteps()) {
            return StopReason.MAX_STEPS; // the same step on every process
        }
        boolean interrupt = stopRequested;
        boolean late = System.nanoTime() >= deadline;
        if (dist != null) {
            // Clocks and signals differ between processes: decide together, at the steps where losses are read
            // anyway, so that no process waits in an all-reduce for one that has stopped.
            if (globalStep % config.logEvery() != 0) {
                return null;
            }
            try (StepScope scope = StepScope.open()) {
                Tensor votes = Tensors.upload(Tensor.create(new float[] {interrupt ? 1 : 0, late ? 1 : 0}, 2), device);
                dist.allReduceMean(votes);
                float[] v = Tensors.toFloats(votes);
                interrupt = v[0] > 0;
                late = v[1] > 0;
            }
        }
        if (interrupt) {
            return StopReason.INTERRUPTED;
        }
        return late ? StopReason.MAX_MINUTES : null;
    }

    /** This process's contiguous 1/W of every global batch (all of it in a single-process run). */
    private List<List<ViewIndex>> forThisProcess(List<List<ViewIndex>> batches) {
        if (dist == null) {
            return batches;
        }
        int per = config.batchSize() / dist.worldSize();
        int from = dist.rank() * per;
        return batches.stream().map(b -> b.subList(from, from + per)).toList();
    }

    /**
     * Every process must hold the same weights: compares a checksum of the master weights across processes.
     *
     * @throws IllegalStateException when they differ
     */
    private void requireIdenticalWeights(String when) {
        try (StepScope scope = StepScope.noGrad()) {
            double sum = optimizer.master().to(torch.ScalarType.Double).sum().item_double();
            Tensor stats = Tensors.upload(Tensor.create(new double[] {sum, sum * sum}, 2), device);
            dist.allReduceMean(stats);
            double[] s = readDoubles(stats);
            double variance = s[1] - s[0] * s[0];
            if (Math.abs(s[0] - sum) > 1e-9 * (1 + Math.abs(sum)) || variance > 1e-9 * (1 + sum * sum)) {
                throw new IllegalStateException("rank " + dist.rank() + ": weights differ between processes " + when);
            }
        }
    }

    private static double[] readDoubles(Tensor t) {
        Tensor c = t.cpu().to(torch.ScalarType.Double).contiguous();
        double[] out = new double[(int) c.numel()];
        new org.bytedeco.javacpp.DoublePointer(c.data_ptr()).get(out);
        return out;
    }

    /** Saves the model users get: the moving average of the weights when {@code use_ema} is on. */
    private void saveModel(Path dir) {
        if (run.readOnly()) {
            return;
        }
        averaged(() -> {
            Checkpointer.saveModel(model, dir);
            return null;
        });
    }

    private <T> T averaged(java.util.function.Supplier<T> work) {
        return average == null ? work.get() : average.withAverage(work);
    }

    /** Mid-epoch stop: the iteration history, the state at this batch, and the model. */
    private void saveInterrupted(int epochsDone, int stepInEpoch, long globalStep, Double bestVal) {
        run.writeJson(RunDirectory.LOSS_HISTORY, iterations.toJson());
        saveState(epochsDone, stepInEpoch, globalStep, bestVal);
        saveModel(run.model());
        options.progress().message("stopped at epoch " + (epochsDone + 1) + ", batch " + stepInEpoch
                + "; state saved in " + run.state());
    }

    private void saveState(int epochsDone, int stepInEpoch, long globalStep, Double bestVal) {
        if (run.readOnly()) {
            return;
        }
        Checkpointer.saveState(run.state(), new Checkpointer.State(epochsDone, stepInEpoch, globalStep,
                iterations.size(), validation.size(), bestVal), model, optimizer, hooks);
    }

    private void flush(LossBuffer losses, ProgressReporter progress, int done, double imagesPerSecond) {
        float[] v = losses.drain();
        for (int i = 0; i + 2 < v.length; i += 3) {
            iterations.add(v[i], v[i + 1], v[i + 2]);
        }
        if (v.length > 0) {
            progress.update(done, v[v.length - 3], imagesPerSecond);
        }
    }

    /**
     * The fixed batch rendered by swapping its pairs' poses, as channel-first float images. (No eval()/train()
     * switch: the model has no dropout or batch norm.)
     */
    private List<float[]> renderFixed(Batch fixed) {
        try (StepScope scope = StepScope.noGrad()) {
            Tensor images = fixed.imagesOn(device).to(precision.computeType());
            Tensor rendered = model.renderSwapped(images, fixed.poses());
            float[] all = Tensors.toFloats(rendered);
            return splitFloats(all, fixed.size());
        }
    }

    private static List<float[]> split(Batch b) {
        byte[] bytes = b.images();
        float[] all = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            all[i] = (bytes[i] & 0xff) / 255f;
        }
        return splitFloats(all, b.size());
    }

    private static List<float[]> splitFloats(float[] all, int n) {
        int per = all.length / n;
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per));
        }
        return out;
    }

    /** The datasets and samplers, checked before anything is written. */
    private record Data(SceneDataset train, PairSampler sampler, SceneDataset validation,
                        PairSampler validationSampler) {
        static Data open(TrainingConfig config) {
            ReaderOptions reader = new ReaderOptions(config.model().imageSize(), config.cropSize(), config.poses(), false);
            SceneDataset train = SceneDataset.open(config.pathToData(), reader);
            PairSampler sampler = sampler(train, config, config.pathToData());
            if (config.pathToTestData() == null) {
                return new Data(train, sampler, null, null);
            }
            SceneDataset val = SceneDataset.open(config.pathToTestData(), reader);
            return new Data(train, sampler, val, sampler(val, config, config.pathToTestData()));
        }

        private static PairSampler sampler(SceneDataset ds, TrainingConfig config, Path path) {
            PairSampler s = PairSampler.forDataset(ds, config.batchSize(), config.seed());
            if (s.batchesPerEpoch() == 0) {
                throw new IllegalArgumentException(path + ": " + ds.imageCount() + " usable images, fewer than one"
                        + " batch of " + config.batchSize());
            }
            return s;
        }
    }

    /** The reference's {@code mean_dataset_loss} over a fixed list of validation batches. */
    private final class Validation {
        private final ImageStore store;
        private final List<List<ViewIndex>> batches;

        Validation(ImageStore store, List<List<ViewIndex>> batches) {
            this.store = store;
            this.batches = batches;
        }

        /** @return total, regression, ssim: means over batches; total = regression + w * (1 - SSIM) */
        double[] evaluate(TrainingStep step) {
            BatchAssembler assembler = new BatchAssembler(store);
            try (StepScope outer = StepScope.noGrad()) {
                    Tensor sums = torch.zeros(2).to(device, torch.ScalarType.Float);
                for (List<ViewIndex> indices : batches) {
                    Batch b = assembler.assemble(indices);
                    try (StepScope scope = StepScope.open()) {
                        RenderingLoss.Terms t = step.evaluate(b.imagesOn(device), b.poses());
                        sums.add_(torch.stack(new TensorVector(t.regression().detach(), t.ssim().detach()), 0));
                    }
                }
                float[] s = Tensors.toFloats(sums);
                double regression = s[0] / batches.size();
                double ssim = s[1] / batches.size();
                return new double[] {regression + config.ssimLossWeight() * ssim, regression, ssim};
            }
        }
    }

    /**
     * Loss values of the last steps, kept on the device ({@code logEvery} x 3) so a step never waits for the
     * device; read in one transfer when full, at epoch ends and at stops.
     */
    private static final class LossBuffer implements AutoCloseable {
        private final TensorOwner owner = new TensorOwner();
        private final Tensor buffer;
        private final int capacity;
        private int pending;

        LossBuffer(int capacity, Device device) {
            this.capacity = capacity;
            this.buffer = owner.take(torch.zeros(capacity, 3).to(device, torch.ScalarType.Float));
        }

        /** Call inside the step's scope. */
        void record(RenderingLoss.Terms t) {
            Tensor row = torch.stack(new TensorVector(t.total().detach(), t.regression().detach(),
                    t.ssim().detach()), 0);
            buffer.select(0, pending).copy_(row);
            pending++;
        }

        boolean full() {
            return pending == capacity;
        }

        int pending() {
            return pending;
        }

        /** @return the pending rows (total, regression, ssim per step), read in one transfer */
        float[] drain() {
            if (pending == 0) {
                return new float[0];
            }
            try (StepScope scope = StepScope.open()) {
                float[] v = Tensors.toFloats(buffer.narrow(0, 0, pending));
                pending = 0;
                return v;
            }
        }

        @Override
        public void close() {
            owner.close();
        }
    }

    /** Parameters by name (for freezing and tests). */
    Map<String, Tensor> parameters() {
        return model.namedParameters();
    }
}
