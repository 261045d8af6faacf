package enr4j.torch.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Contents of a safetensors file.
 *
 * @param tensors tensors by name, in the order of the file's header
 * @param metadata the header's {@code __metadata__} strings (empty if absent)
 */
public record SafeTensorsFile(Map<String, RawTensor> tensors, Map<String, String> metadata) {
    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
