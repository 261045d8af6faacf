package enr4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.io.AtomicFiles;
import enr4j.io.FileTrees;
import enr4j.io.Json;
import enr4j.model.ConfigException;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Torch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Everything a {@link Trainer} starts from, checked before the first step: the config, the data, the model, the
 * counters and histories, the run folder (created, or opened and locked) and the other processes. It also owns
 * what happens around a run: Ctrl-C, the lock, and removing the folder of a new run that failed before it saved
 * anything resumable.
 */
record RunSetup(TrainingConfig config, Trainer.Options options, RunDirectory run, TrainingData data,
                NeuralRenderer model, TrainingState state, boolean fresh, DistributedContext dist, RunLock lock) {

    private static final long SHUTDOWN_WAIT_SECONDS = 120;

    static Trainer create(TrainingConfig config, Path outDir, Trainer.Options options) {
        requireVggWeights(config);
        TrainingData data = TrainingData.open(config);
        Torch.seed(config.optimisation().seed());
        NeuralRenderer model = new NeuralRenderer(config.model());
        Path pretrained = config.transfer().pretrainedModelPath();
        if (pretrained != null) {
            NeuralRenderer from = ModelFiles.load(pretrained);
            ModelFiles.loadWeights(model, ModelFiles.weights(from), pretrained.toString());
        }
        EpochSchedule.of(config).requireMatches(model.namedParameters().keySet(), config.source());
        DistributedContext dist = DistributedContext.join(config);
        RunDirectory run = dist.isMain() ? RunDirectory.create(outDir, config.id(), LocalDateTime.now())
                : RunDirectory.detached(outDir.resolve("rank-" + dist.rank()));
        RunLock lock = null;
        try {
            if (dist.isMain()) {
                lock = RunLock.acquire(run.root());
                writeConfigCopy(config, run);
            }
            return new Trainer(new RunSetup(config, options, run, data, model, TrainingState.fresh(), true, dist, lock));
        } catch (RuntimeException | Error e) {
            new RunSetup(config, options, run, data, model, null, true, dist, lock).abandon();
            throw e;
        }
    }

    static Trainer resume(Path runDir, UnaryOperator<TrainingConfig> overrides, Trainer.Options options) {
        RunDirectory opened = RunDirectory.open(runDir);
        JsonNode info = opened.readJson(RunDirectory.RUN_INFO);
        Path base = info.hasNonNull("config_dir") ? Path.of(info.get("config_dir").asText()) : opened.root();
        TrainingConfig config = overrides.apply(TrainingConfig.load(opened.file(RunDirectory.CONFIG), base));
        DistributedContext dist = DistributedContext.join(config);
        RunLock lock = dist.isMain() ? RunLock.acquire(opened.root()) : null;
        try {
            Checkpointer.State saved = Checkpointer.readState(opened.state());
            NeuralRenderer model = Checkpointer.loadModel(opened.state());
            TrainingState state = new TrainingState(saved,
                    readHistory(opened, RunDirectory.LOSS_HISTORY, saved.iterations()),
                    readHistory(opened, RunDirectory.EPOCH_LOSS_HISTORY, saved.epochsDone()),
                    readHistory(opened, RunDirectory.VAL_LOSS_HISTORY, saved.valEpochs()));
            RunDirectory run = dist.isMain() ? opened : opened.readOnlyView();
            Trainer t = new Trainer(new RunSetup(config, options, run, TrainingData.open(config), model, state, false,
                    dist, lock));
            Checkpointer.loadOptimizer(opened.state(), t.optimizer());
            return t;
        } catch (RuntimeException | Error e) {
            if (lock != null) {
                lock.close();
            }
            dist.close();
            throw e;
        }
    }

    /**
     * Runs {@code work} with Ctrl-C asking {@code stop} and waiting for the state to be saved; afterwards releases
     * the lock and the other processes, and removes a new run's folder when the run failed before saving a state.
     */
    <T> T guard(Runnable stop, Supplier<T> work) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = options.handleShutdown() ? new Thread(() -> {
            stop.run();
            awaitSave(finished);
        }, "enr4j-train-shutdown") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        boolean ok = false;
        try {
            T result = work.get();
            ok = true;
            return result;
        } finally {
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting; the hook is already waiting on `finished`
                }
            }
            if (ok) {
                release();
            } else {
                abandon();
            }
        }
    }

    private static void awaitSave(CountDownLatch finished) {
        try {
            if (!finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("enr: training did not save its state within " + SHUTDOWN_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release() {
        if (lock != null) {
            lock.close();
        }
        dist.close();
    }

    /** After a failure: a new run without a saved state leaves no folder behind. */
    private void abandon() {
        release();
        if (fresh && !run.readOnly() && !Files.isDirectory(run.state())) {
            FileTrees.deleteQuietly(run.root());
        }
    }

    /** A perceptual loss needs its VGG19 weights: say so before anything is written. */
    private static void requireVggWeights(TrainingConfig c) {
        Path vgg = c.transfer().vgg19Weights();
        if (c.transfer().perceptualLossWeight() > 0 && (vgg == null || !Files.isRegularFile(vgg))) {
            throw new ConfigException(c.source() + ": \"perceptual_loss_weight\" needs \"vgg19_weights\", a "
                    + "torchvision vgg19 state-dict file; " + (vgg == null ? "none is set" : vgg + " does not exist"));
        }
    }

    private static void writeConfigCopy(TrainingConfig config, RunDirectory run) {
        try {
            byte[] bytes = config.source() != null && Files.isRegularFile(config.source())
                    ? Files.readAllBytes(config.source())
                    : Json.PRETTY.writeValueAsBytes(config.raw());
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
}
