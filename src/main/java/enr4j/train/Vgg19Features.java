package enr4j.train;

import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import enr4j.torch.io.ModelFileException;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.TorchCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * torchvision's {@code vgg19().features}, frozen, up to the deepest requested index, with weights read from a
 * torchvision state-dict file (keys {@code features.{i}.weight|bias}; the classifier is ignored). Module indices
 * are torchvision's: every 3x3 conv is followed by a ReLU, and "M" is a 2x2 max-pool.
 */
public final class Vgg19Features {
    /** torchvision's configuration "E": channels per conv, 0 for a max-pool. */
    private static final int[] LAYOUT = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0,
        512, 512, 512, 512, 0};
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** One module of {@code features}: a conv (with weights), a ReLU or a max-pool. */
    private record Step(int index, Tensor weight, Tensor bias, boolean relu) {}

    private final List<Step> steps = new ArrayList<>();
    private final TreeSet<Integer> taps;
    private final Tensor mean;
    private final Tensor std;

    /**
     * @param weightsFile torchvision {@code vgg19} state dict ({@code torch.save(model.state_dict())})
     * @param taps        module indices whose outputs are returned (e.g. 2, 7, 12)
     * @param device      where the network runs
     */
    public Vgg19Features(Path weightsFile, List<Integer> taps, Device device) {
        if (taps.isEmpty() || taps.stream().anyMatch(i -> i < 0 || i > 36)) {
            throw new IllegalArgumentException("perceptual layers must be features indices 0..36, got " + taps);
        }
        if (weightsFile == null || !Files.isRegularFile(weightsFile)) {
            throw new ModelFileException("VGG19 weights not found: " + weightsFile
                    + " (a torchvision vgg19 state dict, set \"vgg19_weights\")");
        }
        this.taps = new TreeSet<>(taps);
        Object tree = TorchCheckpoints.read(weightsFile);
        if (!(tree instanceof Map<?, ?> state)) {
            throw new ModelFileException(weightsFile + ": not a state dict");
        }
        int index = 0;
        int in = 3;
        for (int channels : LAYOUT) {
            if (index > this.taps.last()) {
                break;
            }
            if (channels == 0) {
                steps.add(new Step(index++, null, null, false));
                continue;
            }
            Tensor w = load(state, weightsFile, "features." + index + ".weight", new long[] {channels, in, 3, 3}, device);
            Tensor b = load(state, weightsFile, "features." + index + ".bias", new long[] {channels}, device);
            steps.add(new Step(index++, w, b, false));
            steps.add(new Step(index++, null, null, true));
            in = channels;
        }
        this.mean = TensorOwner.pin(Tensors.upload(Tensor.create(MEAN, 1, 3, 1, 1), device));
        this.std = TensorOwner.pin(Tensors.upload(Tensor.create(STD, 1, 3, 1, 1), device));
    }

    private static Tensor load(Map<?, ?> state, Path file, String key, long[] shape, Device device) {
        if (!(state.get(key) instanceof RawTensor raw)) {
            throw new ModelFileException(file + ": missing tensor '" + key + "' (not a torchvision vgg19 state dict?)");
        }
        if (!java.util.Arrays.equals(raw.shape(), shape)) {
            throw new ModelFileException(file + ": tensor '" + key + "' has shape " + java.util.Arrays.toString(raw.shape())
                    + ", VGG19 expects " + java.util.Arrays.toString(shape));
        }
        return TensorOwner.pin(raw.toTorch().to(device, torch.ScalarType.Float));
    }

    /**
     * @param images B x 3 x H x W in [0, 1]
     * @return the outputs of the tap modules, in index order (float32)
     */
    public List<Tensor> features(Tensor images) {
        Tensor x = images.to(torch.ScalarType.Float).sub(mean).div(std);
        List<Tensor> out = new ArrayList<>();
        long[] one = {1, 1};
        long[] zero = {0, 0};
        for (Step s : steps) {
            if (s.weight() != null) {
                x = torch.conv2d(x, s.weight(), new TensorOptional(s.bias()), one, one, one, 1);
            } else if (s.relu()) {
                x = torch.relu(x);
            } else {
                x = torch.max_pool2d(x, new long[] {2, 2}, new long[] {2, 2}, zero, one, false);
            }
            if (taps.contains(s.index())) {
                out.add(x);
            }
        }
        return out;
    }
}
