package enr4j.eval;

import enr4j.data.Batch;
import enr4j.data.BatchAssembler;
import enr4j.data.ImageStore;
import enr4j.data.SceneDataset;
import enr4j.data.ViewIndex;
import enr4j.geometry.CameraPose;
import enr4j.model.NeuralRenderer;
import enr4j.model.SceneRenderGraph;
import enr4j.torch.Autocast;
import enr4j.torch.StepScope;
import enr4j.torch.Torch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference's novel-view PSNR protocol, plus SSIM: for every test scene, infer the scene from its source view,
 * carry it to the pose of every other view (rotation and translation), render, and score each render against the
 * real view. Scores are averaged per scene, then over scenes ({@link EvaluationReport}).
 *
 * <p>Each scene runs in its own no-grad {@link StepScope} (each batch of target views in a nested one), on the
 * calling thread. The model is moved to the options' device.
 */
public final class Evaluator {
    private final NeuralRenderer model;
    private final EvaluationOptions options;
    private final Device device;
    private final boolean cuda;
    /** With {@code --graphs on} on CUDA: the batches of target views replayed as a CUDA graph (made on first use). */
    private final boolean graphs;
    private SceneRenderGraph graph;

    /** Moves {@code model} to the options' device and applies the precision's global switches. */
    public Evaluator(NeuralRenderer model, EvaluationOptions options) {
        this.model = model;
        this.options = options;
        this.device = Torch.device(options.device());
        this.cuda = device.is_cuda();
        this.graphs = cuda && enr4j.torch.cuda.CudaGraphs.requested()
                && options.precision() != enr4j.torch.Precision.BF16_AUTOCAST;
        options.precision().configure(cuda);
        model.to(device, false);
        if (options.precision() == enr4j.torch.Precision.BF16 && cuda) {
            model.useInferenceCopies(options.precision().computeType());
        }
    }

    /**
     * Evaluates every scene of a test set.
     *
     * @param dataset   test set opened at the model's image size (see {@link TestSets#open})
     * @param modelName how the report names the model
     * @throws IllegalArgumentException when the source view does not exist or the image sizes do not match
     */
    public EvaluationReport evaluate(SceneDataset dataset, String modelName, EvaluationListener listener) {
        int views = dataset.viewsPerScene();
        if (options.sourceView() >= views) {
            throw new IllegalArgumentException("source view " + options.sourceView() + " does not exist: scenes of "
                    + dataset.root() + " have " + views + " views (use --source-view)");
        }
        if (dataset.imageSize() != model.config().imageSize()) {
            throw new IllegalArgumentException("dataset read at " + dataset.imageSize() + " px but the model takes "
                    + model.config().imageSize() + " px");
        }
        long start = System.nanoTime();
        BatchAssembler assembler = new BatchAssembler(ImageStore.create(dataset));
        List<SceneScore> scores = new ArrayList<>(dataset.sceneCount());
        try {
            for (int s = 0; s < dataset.sceneCount(); s++) {
                SceneScore score = evaluateScene(assembler, s, dataset.scenes().get(s).name(), views);
                scores.add(score);
                listener.sceneDone(s + 1, dataset.sceneCount(), score);
            }
        } finally {
            if (graph != null) {
                graph.close();
                graph = null;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return EvaluationReport.of(modelName, dataset.root().toString(), options.sourceView(), options.device(),
                options.precision().name().toLowerCase(java.util.Locale.ROOT), scores, seconds);
    }

    /**
     * @param inferred 1 x C x D x D x D
     * @return the scene carried from {@code source} to each target pose and rendered: k x 3 x S x S
     */
    private Tensor render(Tensor inferred, CameraPose source, List<CameraPose> targets) {
        List<CameraPose> sources = Collections.nCopies(targets.size(), source);
        if (graphs) {
            if (graph == null) {
                graph = new SceneRenderGraph(model, inferred, options.batchSize());
            }
            return graph.render(inferred, model.carryMaps(sources, targets));
        }
        Tensor scenes = inferred.expand(targets.size(), -1, -1, -1, -1).contiguous();
        return model.render(model.transformSourceToTarget(scenes, sources, targets));
    }

    /** Images in the type the model computes in (bfloat16 only with bf16 inference copies on CUDA). */
    private Tensor input(Tensor images) {
        boolean bf16 = options.precision() == enr4j.torch.Precision.BF16 && cuda;
        return bf16 ? images.to(options.precision().computeType()) : images;
    }

    private SceneScore evaluateScene(BatchAssembler assembler, int scene, String name, int views) {
        List<ViewIndex> targets = new ArrayList<>(views - 1);
        for (int v = 0; v < views; v++) {
            if (v != options.sourceView()) {
                targets.add(new ViewIndex(scene, v));
            }
        }
        double psnrSum = 0;
        double ssimSum = 0;
        try (StepScope sceneScope = StepScope.noGrad();
             Autocast autocast = Autocast.enter(options.precision(), cuda)) {
            Batch source = assembler.assemble(List.of(new ViewIndex(scene, options.sourceView())));
            CameraPose sourcePose = source.poses().get(0);
            Tensor inferred = model.inverseRender(input(source.imagesOn(device)));
            for (int from = 0; from < targets.size(); from += options.batchSize()) {
                List<ViewIndex> chunk = targets.subList(from, Math.min(targets.size(), from + options.batchSize()));
                try (StepScope batchScope = StepScope.open()) {
                    Batch batch = assembler.assemble(chunk);
                    Tensor real = batch.imagesOn(device);
                    Tensor rendered = render(inferred, sourcePose, batch.poses())
                            .to(org.bytedeco.pytorch.global.torch.ScalarType.Float);
                    for (double p : Psnr.perImage(rendered, real)) {
                        psnrSum += p;
                    }
                    for (double q : SsimScores.perImage(rendered, real)) {
                        ssimSum += q;
                    }
                }
            }
        }
        int n = targets.size();
        return new SceneScore(name, n, psnrSum / n, ssimSum / n);
    }
}
