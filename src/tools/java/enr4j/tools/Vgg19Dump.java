package enr4j.tools;

import enr4j.torch.Torch;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.SafeTensors;
import enr4j.train.Vgg19Features;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Writes enr4j's VGG19 features (indices 2, 7, 12) of a fixed random batch next to the batch, for
 * {@code src/tools/python/check_vgg19.py} to compare with torchvision's. Usage: {@code Vgg19Dump VGG19.pth OUT.safetensors [device]}.
 */
public final class Vgg19Dump {
    public static void main(String[] args) {
        String device = args.length > 2 ? args[2] : Torch.defaultDeviceName();
        Vgg19Features vgg = new Vgg19Features(Path.of(args[0]), List.of(2, 7, 12), Torch.device(device));
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            torch.manual_seed(0);
            Tensor images = torch.rand(2, 3, 64, 64);
            List<Tensor> f = vgg.features(images.to(Torch.device(device), torch.ScalarType.Float));
            Map<String, RawTensor> out = new LinkedHashMap<>();
            out.put("images", RawTensor.fromTorch(images));
            for (int i = 0; i < f.size(); i++) {
                out.put("features_" + List.of(2, 7, 12).get(i), RawTensor.fromTorch(f.get(i)));
            }
            SafeTensors.write(Path.of(args[1]), out);
        }
        System.out.println("wrote " + args[1]);
    }
}
