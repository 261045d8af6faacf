package enr4j.torch.cuda;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The fused kernels' arithmetic written with libtorch operators in float64, on any device: statistics per group,
 * then the backward pass through the same per-channel sums and coefficients as {@code group_norm.cu}. Lets the CPU
 * check {@link FusedGroupNorm}'s autograd wiring and the backward formulas against libtorch's own autograd.
 */
final class ReferenceGroupNormBackend implements GroupNormBackend {
    @Override
    public Forward forward(Problem p, Tensor x, Tensor weight, Tensor bias, Tensor preBias) {
        Tensor xs = planes(p, x);
        if (preBias != null) {
            xs = xs.add(preBias.to(torch.ScalarType.Double).view(1, -1, 1));
        }
        Tensor grouped = xs.reshape(p.batch(), p.groups(), -1);
        var vm = torch.var_mean(grouped, new long[] {2}, false, false);
        Tensor mean = vm.get1();
        Tensor rstd = vm.get0().add(new Scalar(p.eps())).rsqrt();
        Tensor z = preActivation(p, xs, mean, rstd, weight, bias);
        Tensor y = p.activation() ? torch.leaky_relu(z, new Scalar(p.slope())) : z;
        return new Forward(back(p, y, x), mean.to(torch.ScalarType.Float), rstd.to(torch.ScalarType.Float), null);
    }

    @Override
    public Gradients backward(Problem p, Tensor dy, Tensor x, Forward f, Tensor weight, Tensor bias, boolean input,
                              boolean parameters, Tensor weightInto, Tensor biasInto) {
        Tensor xs = planes(p, x);
        Tensor g = planes(p, dy);
        Tensor mean = f.mean().to(torch.ScalarType.Double);
        Tensor rstd = f.rstd().to(torch.ScalarType.Double);
        Tensor z = preActivation(p, xs, mean, rstd, weight, bias);
        Tensor dz = p.activation() ? torch.leaky_relu_backward(g, z, new Scalar(p.slope()), false) : g;
        Tensor a = sum(dz, 2);
        Tensor b = sum(dz.mul(xs), 2);
        Tensor meanC = perChannel(p, mean);
        Tensor rstdC = perChannel(p, rstd);
        Tensor w = weight.to(torch.ScalarType.Double);
        Tensor dw = sum(b.sub(meanC.mul(a)).mul(rstdC), 0).to(x.scalar_type());
        Tensor db = sum(a, 0).to(x.scalar_type());
        long cpg = p.channels() / p.groups();
        Tensor dsG = sum(b.mul(w).reshape(p.batch(), p.groups(), cpg), 2);
        Tensor dbG = sum(a.mul(w).reshape(p.batch(), p.groups(), cpg), 2);
        double invM = 1.0 / (cpg * p.spatial());
        Tensor c2 = dbG.mul(mean).sub(dsG).mul(rstd.pow(new Scalar(3))).mul(new Scalar(invM));
        Tensor c3 = c2.mul(mean).neg().sub(dbG.mul(rstd).mul(new Scalar(invM)));
        Tensor scale = rstdC.mul(w.view(1, -1)).unsqueeze(2);
        Tensor dx = scale.mul(dz).add(perChannel(p, c2).unsqueeze(2).mul(xs)).add(perChannel(p, c3).unsqueeze(2));
        if (parameters && weightInto != null) {
            weightInto.add_(dw);
            biasInto.add_(db);
            return new Gradients(input ? back(p, dx, x) : null, null, null);
        }
        return new Gradients(input ? back(p, dx, x) : null, parameters ? dw : null, parameters ? db : null);
    }

    /** @return x as N x C x S float64 */
    private static Tensor planes(Problem p, Tensor x) {
        // converted first: a handle on an alias of x would pin it to the scope's end, which the kernels never do
        return x.to(torch.ScalarType.Double).contiguous().reshape(p.batch(), p.channels(), p.spatial());
    }

    /** @return N x C x S as a new tensor of x's shape, dtype and layout (not a view, like the kernels' outputs) */
    private static Tensor back(Problem p, Tensor t, Tensor like) {
        return torch.empty_like(like).copy_(t.reshape(like.shape()));
    }

    private static Tensor preActivation(Problem p, Tensor xs, Tensor mean, Tensor rstd, Tensor weight, Tensor bias) {
        Tensor w = weight.to(torch.ScalarType.Double).view(1, -1, 1);
        Tensor b = bias.to(torch.ScalarType.Double).view(1, -1, 1);
        return xs.sub(perChannel(p, mean).unsqueeze(2)).mul(perChannel(p, rstd).unsqueeze(2)).mul(w).add(b);
    }

    /** @param perGroup N x G @return N x C */
    private static Tensor perChannel(Problem p, Tensor perGroup) {
        long cpg = p.channels() / p.groups();
        return perGroup.reshape(p.batch(), p.groups(), 1).expand(p.batch(), p.groups(), cpg)
                .reshape(p.batch(), p.channels());
    }

    private static Tensor sum(Tensor t, long dim) {
        return t.sum(new long[] {dim}, false, new ScalarTypeOptional());
    }
}
