package enr4j.cli;

import enr4j.data.ImageInput;
import enr4j.eval.ModelViewSource;
import enr4j.eval.NovelViewFiles;
import enr4j.eval.NovelViewJob;
import enr4j.eval.NovelViewPath;
import enr4j.geometry.CameraPose;
import enr4j.torch.Torch;
import enr4j.viz.CameraShift;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enr novel-views MODEL IMAGE}: infer a scene from one image and render it along a camera path. */
@Command(name = "novel-views", mixinStandardHelpOptions = true,
        description = {"Infer the scene of one image and render it along a camera path: writes input.png,"
                + " novel_views.png (all frames) and novel_views.gif (looping).",
                "Paths (shifts from the input's view): orbit = full turn at elevation shift E (default 0);"
                        + " spiral = full turn, elevation swinging between -E and +E (default 30);"
                        + " elevation = from 0 to E and back (default 45);"
                        + " drift = orbit at elevation shift E (default 0) while the camera moves: the object"
                        + " circles in the image plane, translation shift (0, T sin az, T cos az) with"
                        + " T = --translation (default " + NovelViewPath.DEFAULT_DRIFT_TRANSLATION + " world units);"
                        + " custom = --angles CSV (azimuth,elevation or azimuth,elevation,tx,ty,tz per line,"
                        + " degrees and world units). --azimuth A is added to every frame.",
                "Translations are the object's in the camera frame (x toward the camera, y down, z right), in world"
                        + " units as in render_params.json; see docs/UNITS.md."})
final class NovelViewsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "a model directory/.zip or a .pt checkpoint")
    Path model;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "PNG/JPEG image; centre-cropped and resized to the model size")
    Path image;

    @Option(names = "--path", defaultValue = "orbit",
            description = "orbit, spiral, elevation, drift or custom (default: ${DEFAULT-VALUE})")
    String path;

    @Option(names = "--azimuth", defaultValue = "0", description = "azimuth shift added to every frame, degrees")
    double azimuth;

    @Option(names = "--elevation", description = "the path's elevation parameter, degrees (see above)")
    Double elevation;

    @Option(names = "--translation", paramLabel = "T",
            description = "radius of the drift path's translation circle, world units (default "
                    + NovelViewPath.DEFAULT_DRIFT_TRANSLATION + ")")
    Double translation;

    @Option(names = "--angles",
            description = "CSV of azimuth,elevation[,tx,ty,tz] shifts for --path custom (a header line is ignored)")
    Path angles;

    @Option(names = "--frames", defaultValue = "36", description = "frames of the path (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--source-azimuth", defaultValue = "0", description = "camera azimuth of the input image (default 0)")
    double sourceAzimuth;

    @Option(names = "--source-elevation", defaultValue = "0", description = "camera elevation of the input image (default 0)")
    double sourceElevation;

    @Option(names = "--source-translation", paramLabel = "X,Y,Z", defaultValue = "0,0,0",
            description = "object translation of the input image in the camera frame, world units, as in"
                    + " render_params.json (default: ${DEFAULT-VALUE})")
    String sourceTranslation;

    @Option(names = "--out", defaultValue = "novel-views", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--background", defaultValue = "white", description = InputBackground.HELP)
    String background;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: cuda when available)")
    String device;

    @picocli.CommandLine.Mixin
    KernelOptions kernels;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        NovelViewPath kind = NovelViewPath.parse(path);
        OptionBounds.check("--frames", frames, 1, OptionBounds.MAX_FRAMES);
        if (angles != null && kind != NovelViewPath.CUSTOM) {
            throw new IllegalArgumentException("--angles is only used with --path custom");
        }
        if (translation != null && kind != NovelViewPath.DRIFT) {
            throw new IllegalArgumentException("--translation is only used with --path drift");
        }
        CameraPose sourcePose = new CameraPose(sourceAzimuth, sourceElevation,
                Vec3Option.parse("--source-translation", sourceTranslation));
        List<CameraShift> shifts = kind.shifts(frames, azimuth, elevation, translation, angles);
        int behind = InputBackground.parse(background);
        if (!Files.exists(image)) {
            throw new IllegalArgumentException(image + ": no such file");
        }
        output.checkFolder(out, "--out");
        ModelSource source = ModelSource.open(model);
        BufferedImage picture = new ImageInput(source.model().config().imageSize(), behind).read(image);
        if (!source.trained()) {
            System.err.println("enr: warning: " + model + " is a config: rendering with untrained weights");
        }
        ModelViewSource views = new ModelViewSource(source.model(),
                Torch.device(device == null ? Torch.defaultDeviceName() : device), sourcePose);
        NovelViewFiles files = output.replaceFolder(out, "--out", dir -> NovelViewJob.run(views, picture, shifts, dir),
                image, angles);
        System.out.println("rendered " + files.frames() + " views of " + image);
        System.out.println("  input: " + out.resolve(files.input().getFileName()));
        System.out.println("  grid:  " + out.resolve(files.grid().getFileName()));
        System.out.println("  gif:   " + out.resolve(files.gif().getFileName()));
        return 0;
    }
}
