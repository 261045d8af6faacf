package enr4j.train;

import enr4j.torch.ActivationLayout;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Where each parameter lives in a flat vector: its offset, and the memory order of its segment. With channels-last
 * weights, a convolution weight's segment holds it in channels-last order (O x spatial x I), so the views handed to
 * the layers are channels-last and cuDNN reads them without a per-step copy; every other segment, and every weight
 * without the switch, is in the usual contiguous order. Saved optimizer state is always in the contiguous order
 * (see {@link #toContiguousOrder}), so a run can be resumed with the switch flipped.
 */
final class FlatSegments {
    private final List<long[]> shapes;
    private final long[] offsets;
    private final boolean[] channelsLast;

    /** @param shapes each parameter's shape, in slot order; {@code channelsLastWeights}: lay 4D/5D ones out channels-last */
    FlatSegments(List<long[]> shapes, boolean channelsLastWeights) {
        this.shapes = List.copyOf(shapes);
        this.offsets = new long[shapes.size() + 1];
        this.channelsLast = new boolean[shapes.size()];
        for (int i = 0; i < shapes.size(); i++) {
            long[] s = shapes.get(i);
            long n = 1;
            for (long d : s) {
                n *= d;
            }
            offsets[i + 1] = offsets[i] + n;
            channelsLast[i] = channelsLastWeights && (s.length == 4 || s.length == 5);
        }
    }

    long total() {
        return offsets[offsets.length - 1];
    }

    long offset(int i) {
        return offsets[i];
    }

    long length(int i) {
        return offsets[i + 1] - offsets[i];
    }

    boolean anyChannelsLast() {
        for (boolean b : channelsLast) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Parameter i's segment of {@code flat} (1D, {@link #total()} long) as a view of the parameter's shape. */
    Tensor view(Tensor flat, int i) {
        Tensor segment = flat.narrow(0, offsets[i], length(i));
        long[] s = shapes.get(i);
        if (!channelsLast[i]) {
            return segment.view(s);
        }
        // stored as O x spatial... x I, seen as O x I x spatial...
        long[] toLast = ActivationLayout.channelsToLast(s.length);
        long[] stored = new long[s.length];
        for (int d = 0; d < s.length; d++) {
            stored[d] = s[(int) toLast[d]];
        }
        return segment.view(stored).permute(ActivationLayout.channelsToFront(s.length));
    }

    /** {@code flat} with every segment in contiguous order: a new 1D tensor, or {@code flat} itself when all are. */
    Tensor toContiguousOrder(Tensor flat) {
        if (!anyChannelsLast()) {
            return flat;
        }
        TensorVector parts = new TensorVector();
        for (int i = 0; i < shapes.size(); i++) {
            parts.push_back(view(flat, i).contiguous().view(-1));
        }
        return torch.cat(parts);
    }

    /** Writes a vector in contiguous order (as {@link #toContiguousOrder} gives) into {@code flat}'s segments. */
    void copyFromContiguousOrder(Tensor contiguous, Tensor flat) {
        if (!anyChannelsLast()) {
            flat.copy_(contiguous);
            return;
        }
        for (int i = 0; i < shapes.size(); i++) {
            view(flat, i).copy_(contiguous.narrow(0, offsets[i], length(i)).view(shapes.get(i)));
        }
    }
}
