package enr4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.geometry.Interpolation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The architecture of a {@link NeuralRenderer}: the reference's model keys, as data.
 *
 * @param imgShape                 channels, height, width of input images (e.g. 3, 128, 128)
 * @param channels2d               output channels of each inverse 2D layer
 * @param strides2d                1 (residual block), 2 (strided conv) or -2 (transposed conv) per inverse 2D layer
 * @param channels3d               output channels of each inverse 3D layer
 * @param strides3d                strides of the inverse 3D layers, as for 2D
 * @param numChannelsInvProjection 1x1 conv channels of the inverse projection (2D to 3D)
 * @param numChannelsProjection    1x1 conv channels of the projection (3D to 2D)
 * @param mode                     resampling used when the scene is turned or moved
 * @param sceneExtent              world units from the scene volume's centre to its face ({@code scene_extent}, our
 *                                 key; default 1): scales translations, see {@link enr4j.geometry.SceneUnits}
 */
public record ModelConfig(List<Integer> imgShape, List<Integer> channels2d, List<Integer> strides2d,
                          List<Integer> channels3d, List<Integer> strides3d,
                          List<Integer> numChannelsInvProjection, List<Integer> numChannelsProjection,
                          Interpolation mode, double sceneExtent) {

    private static final ConfigKey.Type<Interpolation> MODE_NAME = (v, k, s) -> {
        try {
            return Interpolation.fromConfig(v.asText());
        } catch (IllegalArgumentException e) {
            throw s.error(k.name(), e.getMessage());
        }
    };
    private static final ConfigKey<List<Integer>> IMG_SHAPE = ConfigKey.required("img_shape", ConfigKey.INTEGERS, null);
    private static final ConfigKey<List<Integer>> CHANNELS_2D = ConfigKey.required("channels_2d", ConfigKey.INTEGERS, null);
    private static final ConfigKey<List<Integer>> STRIDES_2D = ConfigKey.required("strides_2d", ConfigKey.INTEGERS, null);
    private static final ConfigKey<List<Integer>> CHANNELS_3D = ConfigKey.required("channels_3d", ConfigKey.INTEGERS, null);
    private static final ConfigKey<List<Integer>> STRIDES_3D = ConfigKey.required("strides_3d", ConfigKey.INTEGERS, null);
    private static final ConfigKey<List<Integer>> INV_PROJECTION =
            ConfigKey.required("num_channels_inv_projection", ConfigKey.INTEGERS, null);
    private static final ConfigKey<List<Integer>> PROJECTION =
            ConfigKey.required("num_channels_projection", ConfigKey.INTEGERS, null);
    private static final ConfigKey<Interpolation> MODE =
            ConfigKey.optional("mode", MODE_NAME, Interpolation.BILINEAR, null);
    private static final ConfigKey<Double> SCENE_EXTENT = ConfigKey.optional("scene_extent", ConfigKey.NUMBER, 1.0, null);
    private static final List<ConfigKey<?>> TABLE = List.of(IMG_SHAPE, CHANNELS_2D, STRIDES_2D, CHANNELS_3D,
            STRIDES_3D, INV_PROJECTION, PROJECTION, MODE, SCENE_EXTENT);

    /** The JSON keys that describe the model (the rest of a training config is ignored here). */
    public static final Set<String> KEYS = TABLE.stream().map(ConfigKey::name).collect(Collectors.toUnmodifiableSet());

    /** A rotation-only architecture (scene extent 1). */
    public ModelConfig(List<Integer> imgShape, List<Integer> channels2d, List<Integer> strides2d,
                       List<Integer> channels3d, List<Integer> strides3d, List<Integer> numChannelsInvProjection,
                       List<Integer> numChannelsProjection, Interpolation mode) {
        this(imgShape, channels2d, strides2d, channels3d, strides3d, numChannelsInvProjection, numChannelsProjection,
                mode, 1.0);
    }

    public ModelConfig {
        imgShape = List.copyOf(imgShape);
        channels2d = List.copyOf(channels2d);
        strides2d = List.copyOf(strides2d);
        channels3d = List.copyOf(channels3d);
        strides3d = List.copyOf(strides3d);
        numChannelsInvProjection = List.copyOf(numChannelsInvProjection);
        numChannelsProjection = List.copyOf(numChannelsProjection);
        if (!(sceneExtent > 0) || Double.isInfinite(sceneExtent)) {
            throw new ConfigException("\"scene_extent\" must be a positive number of world units, got " + sceneExtent);
        }
        ModelConfigValidator.validate(imgShape, channels2d, strides2d, channels3d, strides3d,
                numChannelsInvProjection, numChannelsProjection);
    }

    /** The reference's {@code config.json} architecture (11,489,027 parameters at 128 x 128). */
    public static ModelConfig reference() {
        return new ModelConfig(List.of(3, 128, 128),
                List.of(64, 64, 128, 128, 128, 128, 256, 256, 128, 128, 128),
                List.of(1, 1, 2, 1, 2, 1, 2, 1, -2, 1, 1),
                List.of(32, 32, 128, 128, 128, 64, 64, 64),
                List.of(1, 1, 2, 1, 1, -2, 1, 1),
                List.of(256, 512, 1024),
                List.of(512, 256, 256),
                Interpolation.BILINEAR);
    }

    /**
     * Reads the model keys of a (model or training) config.
     *
     * @param source names the file in error messages
     * @throws ConfigException naming the key and file when a key is missing or malformed
     */
    public static ModelConfig fromJson(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(source + ": expected a JSON object");
        }
        ConfigSource in = new ConfigSource((ObjectNode) node, source, null);
        List<Integer> imgShape = IMG_SHAPE.read(in);
        List<Integer> channels2d = CHANNELS_2D.read(in);
        List<Integer> strides2d = STRIDES_2D.read(in);
        List<Integer> channels3d = CHANNELS_3D.read(in);
        List<Integer> strides3d = STRIDES_3D.read(in);
        List<Integer> invProjection = INV_PROJECTION.read(in);
        List<Integer> projection = PROJECTION.read(in);
        Interpolation mode = MODE.read(in);
        double extent = SCENE_EXTENT.read(in);
        try {
            return new ModelConfig(imgShape, channels2d, strides2d, channels3d, strides3d, invProjection, projection,
                    mode, extent);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid model keys" : e.getMessage();
            throw message.startsWith(source + ": ") ? e : new ConfigException(source + ": " + message);
        }
    }

    /** @return the model keys as a JSON object, in the reference's key names. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        putInts(o, "img_shape", imgShape);
        putInts(o, "channels_2d", channels2d);
        putInts(o, "strides_2d", strides2d);
        putInts(o, "channels_3d", channels3d);
        putInts(o, "strides_3d", strides3d);
        putInts(o, "num_channels_inv_projection", numChannelsInvProjection);
        putInts(o, "num_channels_projection", numChannelsProjection);
        o.put("mode", mode.configName());
        if (sceneExtent != 1.0) {
            o.put("scene_extent", sceneExtent);
        }
        return o;
    }

    private static void putInts(ObjectNode o, String key, List<Integer> values) {
        var arr = o.putArray(key);
        values.forEach(arr::add);
    }

    public int imageChannels() {
        return imgShape.get(0);
    }

    public int imageSize() {
        return imgShape.get(1);
    }

    /** Channels of the renderer's 3D layers: the inverse list mirrored. */
    public List<Integer> forwardChannels3d() {
        return Mirror.channels(channels3d);
    }

    public List<Integer> forwardStrides3d() {
        return Mirror.strides(strides3d);
    }

    public List<Integer> forwardChannels2d() {
        return Mirror.channels(channels2d);
    }

    public List<Integer> forwardStrides2d() {
        return Mirror.strides(strides2d);
    }
}
