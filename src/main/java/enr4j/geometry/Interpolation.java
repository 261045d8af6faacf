package enr4j.geometry;

/** How {@link VolumeResampler} reads between voxels; the names are the reference's {@code mode} values. */
public enum Interpolation {
    /** Trilinear interpolation (the reference calls it "bilinear", after grid_sample). */
    BILINEAR("bilinear", 0),
    NEAREST("nearest", 1);

    private final String configName;
    private final int gridSamplerCode;

    Interpolation(String configName, int gridSamplerCode) {
        this.configName = configName;
        this.gridSamplerCode = gridSamplerCode;
    }

    public String configName() {
        return configName;
    }

    /** libtorch's grid_sampler interpolation code. */
    int gridSamplerCode() {
        return gridSamplerCode;
    }

    public static Interpolation fromConfig(String name) {
        for (Interpolation i : values()) {
            if (i.configName.equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "' (expected \"bilinear\" or \"nearest\")");
    }
}
