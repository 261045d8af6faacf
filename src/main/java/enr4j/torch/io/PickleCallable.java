package enr4j.torch.io;

import java.util.List;

/** An allow-listed Python callable that a restricted pickle may invoke (REDUCE, NEWOBJ). */
@FunctionalInterface
interface PickleCallable {
    /** Applies the callable to positional {@code args}; throws {@link IllegalArgumentException} if they are wrong. */
    Object call(List<Object> args);
}
