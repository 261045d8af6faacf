package enr4j.torch.cuda;

import enr4j.torch.StepScope;
import static org.bytedeco.cuda.global.nvrtc.NVRTC_SUCCESS;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/** NVRTC, the run-time CUDA C compiler, through the CUDA presets: source text in, a CUBIN for one architecture out. */
final class Nvrtc {
    private Nvrtc() {}

    /** @return e.g. {@code NVRTC 13.0}; throws UnsatisfiedLinkError when libnvrtc is missing */
    static String version() {
        int[] major = new int[1];
        int[] minor = new int[1];
        check(nvrtcVersion(major, minor), "nvrtcVersion");
        return "NVRTC " + major[0] + "." + minor[0];
    }

    /**
     * @param arch e.g. {@code sm_90}
     * @throws IllegalStateException with the compiler's log when the source does not compile
     */
    static byte[] compile(String source, String file, String arch) {
        try (StepScope scope = StepScope.open()) {
            _nvrtcProgram program = new _nvrtcProgram();
            check(nvrtcCreateProgram(program, new BytePointer(source), new BytePointer(file), 0, (PointerPointer) null,
                    (PointerPointer) null), "nvrtcCreateProgram");
            try {
                String[] options = {"--gpu-architecture=" + arch, "--std=c++17"};
                int rc = nvrtcCompileProgram(program, options.length, new PointerPointer(options));
                if (rc != NVRTC_SUCCESS) {
                    throw new IllegalStateException("NVRTC could not compile " + file + " for " + arch + ": "
                            + log(program));
                }
                SizeTPointer size = new SizeTPointer(1);
                check(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
                BytePointer cubin = new BytePointer(size.get());
                check(nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN");
                byte[] out = new byte[(int) size.get()];
                cubin.get(out);
                return out;
            } finally {
                nvrtcDestroyProgram(program);
            }
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtcGetProgramLogSize(program, size) != NVRTC_SUCCESS) {
            return "(no log)";
        }
        BytePointer log = new BytePointer(size.get());
        nvrtcGetProgramLog(program, log);
        return log.getString().strip();
    }

    private static void check(int rc, String call) {
        if (rc != NVRTC_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + nvrtcGetErrorString(rc).getString());
        }
    }
}
