package enr4j.train;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The VGG19 perceptual loss of the transfer-learning extension: the mean over the chosen feature layers of the MSE
 * between the features of the renders and of the targets (ImageNet normalisation, frozen VGG19).
 */
public final class PerceptualLoss implements LossTerm {
    private final Vgg19Features vgg;
    private final double weight;

    public PerceptualLoss(Vgg19Features vgg, double weight) {
        this.vgg = vgg;
        this.weight = weight;
    }

    @Override
    public String name() {
        return "perceptual";
    }

    @Override
    public double weight() {
        return weight;
    }

    @Override
    public Tensor compute(Tensor rendered, Tensor targets) {
        List<Tensor> a = vgg.features(rendered);
        List<Tensor> b = vgg.features(targets);
        Tensor sum = torch.mse_loss(a.get(0), b.get(0).detach());
        for (int i = 1; i < a.size(); i++) {
            sum = sum.add(torch.mse_loss(a.get(i), b.get(i).detach()));
        }
        return sum.div(enr4j.torch.Tensors.scalar(a.size()));
    }
}
