package enr4j.api;

import enr4j.torch.StepScope;
import enr4j.data.ImageInput;
import enr4j.geometry.CameraPose;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.torch.NativeBuild;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import enr4j.torch.io.ModelFileException;
import enr4j.viz.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A trained model that turns one image into a {@link Scene}, which renders the object from new cameras.
 *
 * <p>Input images are prepared as the training data were: the largest centred square is cropped and resized to the
 * model's size with PIL's antialiased bilinear filter, to 8-bit RGB, then scaled to [0, 1] (through
 * {@link ImageInput}, as {@code enr novel-views} and {@code enr serve} do); transparent pixels are composited onto
 * white, the training background. For a dataset-sized image this is exactly the training input.
 *
 * <p>Use from one thread at a time.
 */
public final class NovelViews {
    private final NeuralRenderer model;
    private final Device device;

    private NovelViews(NeuralRenderer model, Device device) {
        this.model = model;
        this.device = device;
        model.to(device, false);
    }

    /**
     * Loads a model on the GPU when one is available, else on the CPU.
     *
     * @param model a model folder or {@code .zip} (config.json + model.safetensors), or a PyTorch {@code .pt} as the
     *              reference saves it
     * @throws IllegalArgumentException naming the file when it is missing or not a model
     */
    public static NovelViews load(Path model) {
        NativeBuild.select();
        return load(model, Torch.defaultDeviceName());
    }

    /**
     * Loads a model on a chosen device.
     *
     * @param device {@code cpu}, {@code cuda} or {@code cuda:N}
     * @throws IllegalArgumentException naming the file or device when either is unusable
     */
    public static NovelViews load(Path model, String device) {
        NativeBuild.select();
        Device d = Torch.device(device);
        try {
            return new NovelViews(ModelFiles.load(model), d);
        } catch (ModelFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** @return the side of the model's square input and output images, in pixels */
    public int imageSize() {
        return model.config().imageSize();
    }

    /**
     * Infers the scene of an image taken from azimuth 0, elevation 0 (the pose new cameras are relative to).
     *
     * @param image any size and colour type
     */
    public Scene infer(BufferedImage image) {
        return infer(image, new CameraPose(0, 0));
    }

    /**
     * Infers the scene of an image taken from a known camera pose; {@link Scene#render} then takes absolute poses in
     * the same frame (angles in degrees, translation in world units, see docs/UNITS.md).
     *
     * @param image      any size and colour type
     * @param sourcePose where the image was taken from
     */
    public Scene infer(BufferedImage image, CameraPose sourcePose) {
        int s = imageSize();
        float[] input = Images.toChw(ImageInput.of(s).prepare(image));
        try (StepScope scope = StepScope.noGrad()) {
            Tensor images = Tensors.fromFloats(input, 1, 3, s, s).to(device, ScalarType.Float);
            return new Scene(model, model.inverseRender(images), sourcePose);
        }
    }
}
