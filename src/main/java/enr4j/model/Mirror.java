package enr4j.model;

import java.util.ArrayList;
import java.util.List;

/** Builds the renderer's layer lists as the mirror image of the inverse renderer's. */
final class Mirror {
    private Mirror() {}

    /** {@code reversed(channels)[1:] + [channels[0]]}. */
    static List<Integer> channels(List<Integer> channels) {
        List<Integer> out = new ArrayList<>();
        for (int i = channels.size() - 2; i >= 0; i--) {
            out.add(channels.get(i));
        }
        out.add(channels.get(0));
        return out;
    }

    /** {@code [-s if |s| == 2 else 1 for s in reversed(strides[1:])] + [strides[0]]}. */
    static List<Integer> strides(List<Integer> strides) {
        List<Integer> out = new ArrayList<>();
        for (int i = strides.size() - 1; i >= 1; i--) {
            int s = strides.get(i);
            out.add(Math.abs(s) == 2 ? -s : 1);
        }
        out.add(strides.get(0));
        return out;
    }
}
