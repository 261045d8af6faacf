package enr4j.torch;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.FunctionPreHook;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * Labels for what the code is doing while it allocates device memory, for a memory trace
 * ({@code enr4j.torch.cuda.AllocatorTrace} installs the sink that hands them to libtorch's allocator). Off unless a
 * sink is installed; while off every method returns after reading one volatile field and allocates nothing.
 *
 * <p>A tag holds for the thread that sets it, until that thread sets another (libtorch's allocator keeps its user
 * metadata per thread). Phases are flat tags ({@link #tag}: {@code loss}, {@code backward}, {@code optimizer}); the
 * forward pass names its parts with nested {@link #named} steps, tagged {@code forward:part.step.substep}. The
 * backward pass of CUDA tensors runs on autograd's own thread, where a tag set by the caller never arrives, so
 * {@link #markBackward} adds a hook to an output's gradient node that tags that thread {@code backward:part.step}
 * just before the node runs.
 */
public final class MemoryTags {
    /** A nested name; closing it goes back to the enclosing one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final Scope NONE = () -> { };
    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);
    /**
     * libtorch holds a hook's Java object only weakly: each stays here until it has run. By identity: a pointer's
     * equality is its address, which changes when the node takes the native peer.
     */
    private static final Set<TagHook> PENDING = Collections.synchronizedSet(Collections.newSetFromMap(
            new IdentityHashMap<>()));
    private static volatile Consumer<String> sink;

    private MemoryTags() {}

    /** Sends every later tag to {@code s} (called on the thread whose allocations the tag is for). */
    public static void install(Consumer<String> s) {
        sink = s;
    }

    public static void uninstall() {
        sink = null;
    }

    public static boolean on() {
        return sink != null;
    }

    /** Sets this thread's phase, e.g. {@code loss}: later allocations on this thread carry it. */
    public static void tag(String phase) {
        Consumer<String> s = sink;
        if (s != null) {
            State st = STATE.get();
            st.phase = phase;
            st.lastMarked = 0;
            s.accept(st.current());
        }
    }

    /** Enters a named part: tags {@code phase:outer.name} until the scope closes. */
    public static Scope enter(String name) {
        Consumer<String> s = sink;
        if (s == null) {
            return NONE;
        }
        State st = STATE.get();
        st.path.addLast(name);
        s.accept(st.current());
        return () -> {
            st.path.removeLast();
            emit(st.current());
        };
    }

    /**
     * {@code step} under the name {@code name} (see {@link #enter}), its output marked for the backward pass; the
     * step itself when tags are off.
     */
    public static UnaryOperator<Tensor> named(String name, UnaryOperator<Tensor> step) {
        if (sink == null) {
            return step;
        }
        return x -> {
            try (Scope s = enter(name)) {
                return markBackward(step.apply(x));
            }
        };
    }

    /** Tags autograd's thread {@code backward:} plus the current part's name before {@code y}'s gradient node runs. */
    public static Tensor markBackward(Tensor y) {
        if (sink == null) {
            return y;
        }
        return markBackward(y, "backward:" + String.join(".", STATE.get().path));
    }

    /**
     * Tags autograd's thread {@code tag} before {@code y}'s gradient node runs (nothing when y has none). A node
     * marked just before keeps its tag: a part whose output is its last step's keeps the step's, the finer name.
     */
    public static Tensor markBackward(Tensor y, String tag) {
        if (sink == null || !y.requires_grad()) {
            return y;
        }
        Node node = y.grad_fn();
        if (node == null || node.isNull()) {
            return y;
        }
        State st = STATE.get();
        if (node.address() == st.lastMarked) {
            return y;
        }
        st.lastMarked = node.address();
        TagHook hook = new TagHook(tag);
        PENDING.add(hook);
        // as a tensor pre-hook: those run before the node's other pre-hooks, one of which may be a whole fused
        // backward pass (HookedBackward) whose allocations should carry this tag
        node.add_tensor_pre_hook(hook);
        hook.deallocate(false); // the node owns and deletes the native peer from now on
        return y;
    }

    /** Backward hooks added whose node has not run yet (for memory tests). */
    public static int pending() {
        return PENDING.size();
    }

    private static void emit(String tag) {
        Consumer<String> s = sink;
        if (s != null) {
            s.accept(tag);
        }
    }

    /** One thread's phase and the parts it is inside. */
    private static final class State {
        String phase = "forward";
        final ArrayDeque<String> path = new ArrayDeque<>();
        /** The gradient node marked last in this phase (its address), 0 for none. */
        long lastMarked;

        String current() {
            return path.isEmpty() ? phase : phase + ":" + String.join(".", path);
        }
    }

    /** Sets the tag on the thread that runs the node, and passes the gradients on untouched. */
    private static final class TagHook extends FunctionPreHook {
        private final String tag;

        TagHook(String tag) {
            this.tag = tag;
        }

        @Override
        public TensorVector apply(TensorVector grads) {
            emit(tag);
            PENDING.remove(this);
            return grads;
        }
    }
}
