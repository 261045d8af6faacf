package enr4j.model;

import java.util.List;

/**
 * Rejects architectures the reference would crash on (or silently mis-build), before any layer exists.
 * Messages name the config key and the offending entry.
 */
final class ModelConfigValidator {
    private ModelConfigValidator() {}

    static void validate(List<Integer> imgShape, List<Integer> channels2d, List<Integer> strides2d,
                         List<Integer> channels3d, List<Integer> strides3d,
                         List<Integer> invProjection, List<Integer> projection) {
        if (imgShape.size() != 3 || imgShape.stream().anyMatch(v -> v <= 0)) {
            throw new ConfigException("\"img_shape\" must be [channels, height, width] of positive integers, got " + imgShape);
        }
        if (!imgShape.get(1).equals(imgShape.get(2))) {
            throw new ConfigException("\"img_shape\" must be square (the scene is a cube), got " + imgShape);
        }
        positive("num_channels_inv_projection", invProjection);
        positive("num_channels_projection", projection);
        int size2d = stack("channels_2d", "strides_2d", channels2d, strides2d, imgShape.get(1));
        int last = invProjection.get(invProjection.size() - 1);
        if (last % size2d != 0) {
            throw new ConfigException("\"num_channels_inv_projection\" must end in a multiple of the 2D feature width "
                    + size2d + ", got " + last);
        }
        int size3d = stack("channels_3d", "strides_3d", channels3d, strides3d, size2d);
        int forward3d = stack("channels_3d (mirrored for the renderer)", "strides_3d (mirrored for the renderer)",
                Mirror.channels(channels3d), Mirror.strides(strides3d), size3d);
        int forward2d = stack("channels_2d (mirrored for the renderer)", "strides_2d (mirrored for the renderer)",
                Mirror.channels(channels2d), Mirror.strides(strides2d), forward3d);
        if (forward2d != imgShape.get(1)) {
            throw new ConfigException("the renderer would output " + forward2d + " px images for " + imgShape.get(1)
                    + " px inputs: the strides do not mirror");
        }
        for (List<Integer> list : List.of(invProjection, projection)) {
            for (int i = 0; i < list.size() - 1; i++) {
                groupNormDivides(list == invProjection ? "num_channels_inv_projection" : "num_channels_projection",
                        list.get(i));
            }
        }
    }

    /**
     * Walks one ResNet's layer list.
     *
     * @return the spatial size after the stack
     */
    private static int stack(String channelsKey, String stridesKey, List<Integer> channels, List<Integer> strides,
                             int size) {
        if (channels.size() != strides.size()) {
            throw new ConfigException("\"" + channelsKey + "\" has " + channels.size() + " entries but \"" + stridesKey
                    + "\" has " + strides.size() + "; they must be equal");
        }
        positive(channelsKey, channels);
        int current = channels.get(0);
        for (int i = 0; i < channels.size(); i++) {
            int c = channels.get(i);
            int s = strides.get(i);
            switch (s) {
                case 1 -> {
                    if (c != current) {
                        throw new ConfigException("\"" + channelsKey + "\"[" + i + "] = " + c + " has stride 1 (a residual"
                                + " block keeps its " + current + " channels); a stride-1 entry must equal the current"
                                + " channel count " + current);
                    }
                }
                case 2 -> {
                    if (size % 2 != 0) {
                        throw new ConfigException("\"" + stridesKey + "\"[" + i + "] = 2 halves an odd size " + size);
                    }
                    size /= 2;
                }
                case -2 -> size *= 2;
                default -> throw new ConfigException("\"" + stridesKey + "\"[" + i + "] = " + s
                        + " is not a stride (expected 1, 2 or -2)");
            }
            groupNormDivides(channelsKey, c);
            current = c;
        }
        return size;
    }

    private static void positive(String key, List<Integer> values) {
        if (values.isEmpty() || values.stream().anyMatch(v -> v <= 0)) {
            throw new ConfigException("\"" + key + "\" must be a non-empty list of positive integers, got " + values);
        }
    }

    private static void groupNormDivides(String key, int channels) {
        int groups = GroupNorm.groupsFor(channels);
        if (channels % groups != 0) {
            throw new ConfigException("\"" + key + "\" has " + channels + " channels, not divisible into the "
                    + groups + " GroupNorm groups that count calls for");
        }
    }
}
