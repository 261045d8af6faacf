package enr4j.cli;

import enr4j.model.Enr4jVersion;
import enr4j.torch.NativeBuild;
import enr4j.torch.Torch;
import picocli.CommandLine.IVersionProvider;

/** {@code enr --version}: enr4j's version, libtorch's, and which CUDA (if any) the natives use. */
final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"enr4j " + Enr4jVersion.current(), "libtorch " + NativeBuild.libtorchVersion()
                + " (JavaCPP presets " + NativeBuild.presetsVersion("pytorch") + ", " + (NativeBuild.gpu() ? "GPU" : "CPU")
                + " build)", "CUDA " + cuda(), "java " + System.getProperty("java.version")};
    }

    private static String cuda() {
        if (!NativeBuild.gpu()) {
            return "none (CPU build; the GPU build is mvn -Pgpu package)";
        }
        String[] v = NativeBuild.presetsVersion("cuda").split("-");
        String built = v.length == 3 ? v[0] + ", cuDNN " + v[1] : NativeBuild.presetsVersion("cuda");
        int gpus = Torch.cudaDeviceCount();
        return built + " (" + (gpus == 0 ? "no GPU visible: check nvidia-smi and the CUDA libraries, docs/GPU.md"
                : gpus + " GPU" + (gpus == 1 ? "" : "s") + " visible") + ")";
    }
}
