package enr4j.torch.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that stands for a Python {@code collections.OrderedDict}, such as a module's {@code state_dict()}.
 * Plain {@link LinkedHashMap}s are read from and written as plain Python {@code dict}s; this subclass marks
 * the ones that are {@code OrderedDict}s, so a checkpoint keeps its Python types across a read/write cycle.
 */
public final class OrderedDictMap extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    public OrderedDictMap() {
    }

    public OrderedDictMap(Map<String, ?> entries) {
        super(entries);
    }
}
