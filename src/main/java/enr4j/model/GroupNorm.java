package enr4j.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** Group normalisation (eps 1e-5) with affine {@code weight} and {@code bias} (both C), groups chosen by {@link #groupsFor}. */
public final class GroupNorm extends Module implements Layer {
    private final int channels;
    private final int groups;
    private final WeightSlot weight;
    private final WeightSlot bias;

    public GroupNorm(int channels) {
        super("GroupNorm");
        this.channels = channels;
        this.groups = groupsFor(channels);
        this.weight = Parameters.register(this, "weight", torch.ones(channels));
        this.bias = Parameters.register(this, "bias", torch.zeros(channels));
    }

    /** The reference's group count: {@code n<8: 1; n<32: 2; n<64: 4; n<128: 8; n<256: 16; else 32}. */
    public static int groupsFor(int channels) {
        if (channels < 8) {
            return 1;
        }
        if (channels < 32) {
            return 2;
        }
        if (channels < 64) {
            return 4;
        }
        if (channels < 128) {
            return 8;
        }
        return channels < 256 ? 16 : 32;
    }

    @Override
    public Tensor forward(Tensor x) {
        return torch.group_norm(x, groups, new TensorOptional(weight.forCompute()),
                new TensorOptional(bias.forCompute()), 1e-5, true);
    }

    @Override
    public void collectWeights(java.util.List<WeightSlot> out) {
        out.add(weight);
        out.add(bias);
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        return input;
    }

    @Override
    public String describe() {
        return "GroupNorm " + channels + " (" + groups + " groups)";
    }

    @Override
    public long parameterCount() {
        return 2L * channels;
    }
}
