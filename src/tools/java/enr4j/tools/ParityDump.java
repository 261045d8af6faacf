package enr4j.tools;

import enr4j.model.ModelConfig;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Precision;
import enr4j.torch.Torch;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.SafeTensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Writes a model as a PyTorch .pt and a safetensors file of inputs and enr4j's outputs, for
 * {@code scripts/reference/parity.py} (and {@code convert_parity.py}) to recompute with the reference code. The model
 * is a saved one when MODEL is given, else the reference architecture with seeded random weights.
 * Usage: {@code ParityDump OUT_DIR [device] [MODEL]}.
 */
public final class ParityDump {
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        String deviceName = args.length > 1 ? args[1] : Torch.defaultDeviceName();
        Device device = Torch.device(deviceName);
        Precision.FP32.configure(deviceName.startsWith("cuda"));
        Torch.seed(1234);
        NeuralRenderer model = args.length > 2 ? ModelFiles.load(Path.of(args[2]))
                : new NeuralRenderer(ModelConfig.reference());
        ModelFiles.save(model, out.resolve("model.pt"));
        model.to(device, false);
        int size = model.config().imageSize();
        int b = 4;
        float[] azS = {0f, 35.5f, -120f, 170f};
        float[] elS = {0f, 10f, 45f, -5f};
        float[] azT = {90f, -60f, 33.3f, -179f};
        float[] elT = {20f, 0f, 5f, 30f};
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor images = torch.rand(b, model.config().imageChannels(), size, size);
            Tensor scenes = model.inverseRender(images.to(device, torch.ScalarType.Float));
            Tensor rotated = model.transformSourceToTarget(scenes, poses(azS, elS), poses(azT, elT));
            Tensor rendered = model.render(rotated);
            Map<String, RawTensor> dump = new LinkedHashMap<>();
            dump.put("images", RawTensor.fromTorch(images));
            dump.put("azimuth_source", RawTensor.ofFloats(new long[] {b}, azS));
            dump.put("elevation_source", RawTensor.ofFloats(new long[] {b}, elS));
            dump.put("azimuth_target", RawTensor.ofFloats(new long[] {b}, azT));
            dump.put("elevation_target", RawTensor.ofFloats(new long[] {b}, elT));
            dump.put("java_scenes", RawTensor.fromTorch(scenes));
            dump.put("java_rotated", RawTensor.fromTorch(rotated));
            dump.put("java_rendered", RawTensor.fromTorch(rendered));
            SafeTensors.write(out.resolve("dump.safetensors"), dump);
        }
        System.out.println("wrote " + out.resolve("model.pt") + " and " + out.resolve("dump.safetensors"));
    }

    private static java.util.List<enr4j.geometry.CameraPose> poses(float[] azimuths, float[] elevations) {
        java.util.List<enr4j.geometry.CameraPose> poses = new java.util.ArrayList<>();
        for (int i = 0; i < azimuths.length; i++) {
            poses.add(new enr4j.geometry.CameraPose(azimuths[i], elevations[i]));
        }
        return poses;
    }
}
