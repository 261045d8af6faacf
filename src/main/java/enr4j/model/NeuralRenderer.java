package enr4j.model;

import enr4j.geometry.CameraPose;
import enr4j.geometry.RigidTransform;
import enr4j.geometry.SceneTransforms;
import enr4j.geometry.VolumeResampler;
import enr4j.torch.ActivationLayout;
import enr4j.torch.Intermediates;
import enr4j.torch.MemoryTags;
import enr4j.torch.StepScope;
import enr4j.torch.Tensors;
import enr4j.torch.cuda.ZeroedArena;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The equivariant neural renderer: an inverse renderer (image to scene) and a renderer (scene to
 * image) around a scene tensor that turns and moves with the camera.
 *
 * <ul>
 *   <li>inverse: ResNet2d, InverseProjection, ResNet3d, SphericalMask: B x 3 x S x S to B x C x D x D x D</li>
 *   <li>render: ResNet3d, Projection, ResNet2d (final 1x1 conv to 3), sigmoid: the mirror image</li>
 * </ul>
 *
 * Parameter and buffer names equal the reference's state_dict keys. Build models outside any
 * {@code StepScope}; run every forward pass inside one.
 */
public final class NeuralRenderer extends Module {
    /** The parts in the reference's registration order, with the names {@code freeze_parts} matches. */
    public static final List<String> PARTS = List.of("inv_transform_2d", "inv_projection", "inv_transform_3d",
            "transform_3d", "projection", "transform_2d");

    private final ModelConfig config;
    private final ResNet invTransform2d;
    private final InverseProjection invProjection;
    private final ResNet invTransform3d;
    private final ResNet transform3d;
    private final Projection projection;
    private final ResNet transform2d;
    private final SphericalMask sphericalMask;
    private final FeatureShape sceneShape;
    private boolean channelsLast = enr4j.torch.ActivationLayout.channelsLastRequested();

    public NeuralRenderer(ModelConfig config) {
        super("NeuralRenderer");
        this.config = config;
        FeatureShape image = new FeatureShape(config.imageChannels(), config.imageSize(), config.imageSize());
        invTransform2d = new ResNet(image, config.channels2d(), config.strides2d(), 0);
        FeatureShape f2 = invTransform2d.outputShape(image);
        invProjection = new InverseProjection(f2, config.numChannelsInvProjection());
        FeatureShape f3 = invProjection.outputShape(f2);
        invTransform3d = new ResNet(f3, config.channels3d(), config.strides3d(), 0);
        sceneShape = invTransform3d.outputShape(f3);
        transform3d = new ResNet(sceneShape, config.forwardChannels3d(), config.forwardStrides3d(), 0);
        FeatureShape g3 = transform3d.outputShape(sceneShape);
        projection = new Projection(g3, config.numChannelsProjection());
        transform2d = new ResNet(projection.outputShape(g3), config.forwardChannels2d(), config.forwardStrides2d(),
                config.imageChannels());
        sphericalMask = new SphericalMask(sceneShape);
        register_module("inv_transform_2d", invTransform2d);
        register_module("inv_projection", invProjection);
        register_module("inv_transform_3d", invTransform3d);
        register_module("transform_3d", transform3d);
        register_module("projection", projection);
        register_module("transform_2d", transform2d);
        register_module("spherical_mask", sphericalMask);
    }

    public ModelConfig config() {
        return config;
    }

    /** Shape of one scene, e.g. 64 x 32 x 32 x 32. */
    public FeatureShape sceneShape() {
        return sceneShape;
    }

    public SphericalMask sphericalMask() {
        return sphericalMask;
    }

    /** World units from the scene volume's centre to its face (the config's {@code scene_extent}). */
    public double sceneExtent() {
        return config.sceneExtent();
    }

    /**
     * Runs activations in channels-last layouts (NHWC / NDHWC) end to end; a speed switch for CUDA. The default is
     * {@link enr4j.torch.ActivationLayout#channelsLastRequested()} when the model is made.
     */
    public void setChannelsLast(boolean on) {
        this.channelsLast = on;
    }

    private Tensor layout(Tensor t, SpatialDims dims) {
        // marked: a layout copy's backward is tagged as the part's that made it
        return channelsLast ? MemoryTags.markBackward(t.contiguous(dims.channelsLast())) : t;
    }

    /** The six parts as named layers, in the reference's order (for info and freezing). */
    public Map<String, Layer> parts() {
        Map<String, Layer> m = new LinkedHashMap<>();
        m.put("inv_transform_2d", invTransform2d);
        m.put("inv_projection", invProjection);
        m.put("inv_transform_3d", invTransform3d);
        m.put("transform_3d", transform3d);
        m.put("projection", projection);
        m.put("transform_2d", transform2d);
        return m;
    }

    /**
     * @param images B x 3 x S x S, values in [0, 1]
     * @return scenes B x C x D x D x D, zero outside the sphere
     */
    public Tensor inverseRender(Tensor images) {
        return pass(images,
                MemoryTags.named("inv_transform_2d", i -> invTransform2d.forward(layout(i, SpatialDims.TWO))),
                MemoryTags.named("inv_projection", invProjection::forward),
                MemoryTags.named("inv_transform_3d", p -> invTransform3d.forward(layout(p, SpatialDims.THREE))),
                MemoryTags.named("spherical_mask", sphericalMask::apply));
    }

    /**
     * @param scenes B x C x D x D x D
     * @return images B x 3 x S x S in (0, 1)
     */
    public Tensor render(Tensor scenes) {
        return pass(scenes,
                MemoryTags.named("transform_3d", s -> transform3d.forward(layout(s, SpatialDims.THREE))),
                MemoryTags.named("projection", projection::forward),
                MemoryTags.named("transform_2d", p -> transform2d.forward(layout(p, SpatialDims.TWO))),
                MemoryTags.named("sigmoid", torch::sigmoid));
    }

    /**
     * One pass (the inverse render or the render): its steps chained, with the zeroed scratch of its fused GroupNorms
     * in one fill: 64 Ki floats per batch item, several times what the reference model's passes take (4 per channel
     * of every GroupNorm); calls beyond it zero their own.
     *
     * @param input B x ..., the pass's input
     */
    @SafeVarargs
    private static Tensor pass(Tensor input, java.util.function.UnaryOperator<Tensor>... steps) {
        try (ZeroedArena arena = ZeroedArena.open(input, input.size(0) * 65536L)) {
            return Intermediates.chain(input, steps);
        }
    }

    /**
     * Rotates scenes about their centre.
     *
     * @param scenes    B x C x D x D x D
     * @param rotations B x 3 x 3 rotation matrices (content at p moves to R p)
     * @return B x C x D x D x D
     */
    public Tensor rotate(Tensor scenes, Tensor rotations) {
        return VolumeResampler.rotate(scenes, rotations, config.mode());
    }

    /**
     * Moves scenes by rigid transforms (rotation about the centre, then translation in world units).
     *
     * @param scenes B x C x D x D x D
     * @return B x C x D x D x D
     */
    public Tensor transform(Tensor scenes, List<RigidTransform> transforms) {
        return VolumeResampler.transform(scenes, transforms, config.sceneExtent(), config.mode());
    }

    /**
     * Carries scenes from source poses to target poses, translations included.
     *
     * @param scenes B x C x D x D x D; both lists have length B
     */
    public Tensor transformSourceToTarget(Tensor scenes, List<CameraPose> sources, List<CameraPose> targets) {
        return VolumeResampler.transformByMaps(scenes, Tensors.upload(carryMaps(sources, targets), scenes.device()),
                config.mode());
    }

    /**
     * The sampler maps that carry scenes from source poses to target poses, for {@link #transformByMaps}.
     *
     * @return B x 3 x 4 float32 on the CPU; both lists have length B
     */
    public Tensor carryMaps(List<CameraPose> sources, List<CameraPose> targets) {
        if (sources.size() != targets.size()) {
            throw new IllegalArgumentException(sources.size() + " source poses but " + targets.size() + " targets");
        }
        List<RigidTransform> transforms = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            transforms.add(SceneTransforms.sourceToTarget(sources.get(i), targets.get(i)));
        }
        return VolumeResampler.inverseMaps(transforms, config.sceneExtent());
    }

    /**
     * Moves scenes by maps made with {@link #carryMaps} and already on the device (device work only).
     *
     * @param scenes B x C x D x D x D
     * @param maps   B x 3 x 4 float32 on the scenes' device
     * @return B x C x D x D x D
     */
    public Tensor transformByMaps(Tensor scenes, Tensor maps) {
        return VolumeResampler.transformByMaps(scenes, maps, config.mode());
    }

    /**
     * One image to N novel views: the scene inferred once, carried to N poses and rendered (device work only).
     *
     * @param image 1 x 3 x S x S
     * @param maps  N x 3 x 4 float32 from {@link #carryMaps} (sources: the image's pose), on the image's device
     * @return N x 3 x S x S in (0, 1)
     */
    public Tensor novelViews(Tensor image, Tensor maps) {
        Tensor scenes = inverseRender(image).expand(new long[] {maps.size(0), -1, -1, -1, -1}, false);
        return render(transformByMaps(scenes, maps));
    }

    /**
     * The training forward pass: images 2k and 2k+1 show one scene from two poses; each inferred scene
     * is carried to its partner's pose, the carried scenes are swapped within the pair and rendered,
     * so every image is reconstructed from the other view.
     *
     * @param images B x 3 x S x S, B even
     * @param poses  B poses, one per image
     * @return renders B x 3 x S x S, render i to be compared with image i
     */
    public Tensor renderSwapped(Tensor images, List<CameraPose> poses) {
        if (images.size(0) != poses.size()) {
            throw new IllegalArgumentException("need one pose per image, got " + images.size(0) + " images and "
                    + poses.size() + " poses");
        }
        SwapInputs in = swapInputs(poses);
        return renderSwapped(images, Tensors.upload(in.maps(), images.device()),
                Tensors.upload(in.partners(), images.device()));
    }

    /**
     * What {@link #renderSwapped(Tensor, List)} derives from the poses, as CPU tensors.
     *
     * @param maps     B x 3 x 4 float32: the sampler's map carrying scene i to the pose of its partner
     * @param partners B int64: i's partner within its pair (i + 1 for even i, i - 1 for odd)
     */
    public record SwapInputs(Tensor maps, Tensor partners) {}

    /** @param poses B poses, B even */
    public SwapInputs swapInputs(List<CameraPose> poses) {
        int b = poses.size();
        if (b % 2 != 0) {
            throw new IllegalArgumentException("need an even batch, got " + b + " poses");
        }
        List<CameraPose> partners = new ArrayList<>(b);
        long[] swap = new long[b];
        for (int i = 0; i < b; i++) {
            swap[i] = i % 2 == 0 ? i + 1 : i - 1;
            partners.add(poses.get((int) swap[i]));
        }
        return new SwapInputs(carryMaps(poses, partners), Tensor.create(swap));
    }

    /**
     * {@link #renderSwapped(Tensor, List)} from inputs already on the device: launches device work only, so a CUDA
     * graph can capture it.
     *
     * @param images   B x 3 x S x S
     * @param maps     B x 3 x 4 float32 (see {@link SwapInputs}), on the images' device
     * @param partners B int64, on the images' device
     * @return renders B x 3 x S x S
     */
    public Tensor renderSwapped(Tensor images, Tensor maps, Tensor partners) {
        Tensor swapped = Intermediates.chain(images, this::inverseRender,
                MemoryTags.named("carry", s -> VolumeResampler.transformByMaps(s, maps, config.mode())),
                MemoryTags.named("swap", c -> ActivationLayout.selectBatch(c, partners)));
        Tensor renders = render(swapped);
        Intermediates.release(swapped);
        return renders;
    }

    /** @return parameters and buffers by state_dict name, in registration order (live handles, not copies). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = Tensors.entries(named_parameters(true));
        out.putAll(Tensors.entries(named_buffers(true)));
        return out;
    }

    /** @return trainable parameters by name, in registration order. */
    public Map<String, Tensor> namedParameters() {
        return Tensors.entries(named_parameters(true));
    }

    /** Every learnable tensor of the six parts, in registration (state_dict) order. */
    public List<WeightSlot> weightSlots() {
        List<WeightSlot> out = new ArrayList<>();
        parts().values().forEach(p -> p.collectWeights(out));
        return out;
    }

    /**
     * For inference in reduced precision: gives every weight a detached copy of {@code type} that the
     * forward pass reads (inputs must then be of that type), convolution weights channels-last when the model runs
     * channels-last (so no layer converts them per call). The float32 parameters stay as they are.
     */
    public void useInferenceCopies(torch.ScalarType type) {
        try (StepScope scope = StepScope.noGrad()) {
            for (WeightSlot slot : weightSlots()) {
                Tensor copy = slot.parameter().detach().to(type);
                if (channelsLast && (copy.dim() == 4 || copy.dim() == 5)) {
                    copy = copy.contiguous(enr4j.torch.ActivationLayout.format(copy.dim()));
                }
                slot.useComputeCopy(copy);
            }
        }
    }

    /** Convolution FLOPs of one image's inverse render plus render (forward only). */
    public long forwardFlopsPerImage() {
        long total = 0;
        FeatureShape shape = new FeatureShape(config.imageChannels(), config.imageSize(), config.imageSize());
        for (Layer part : parts().values()) {
            total += part.flops(shape);
            shape = part.outputShape(shape);
        }
        return total;
    }

    /** Total trainable parameter count. */
    public long parameterCount() {
        return parts().values().stream().mapToLong(Layer::parameterCount).sum();
    }
}
