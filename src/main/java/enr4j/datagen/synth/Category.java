package enr4j.datagen.synth;

import enr4j.data.DatasetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Object categories of the generator; {@link #OBJ} renders a folder of OBJ files instead. */
public enum Category {
    CHAIRS(new Chairs()),
    MUGS(new Mugs()),
    BOWLS(new Bowls()),
    CARS(new Cars()),
    TABLES(new Tables()),
    OBJ(null);

    private final ShapeGenerator generator;

    Category(ShapeGenerator generator) {
        this.generator = generator;
    }

    /** @return the procedural generator (throws for {@link #OBJ}, which has none) */
    public ShapeGenerator generator() {
        if (generator == null) {
            throw new IllegalStateException("category obj renders OBJ files and has no procedural generator");
        }
        return generator;
    }

    /** @return lower-case name as used on the command line and in scene folder names */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name chairs, mugs, bowls, cars, tables or obj (case-insensitive)
     * @throws DatasetException listing the valid names when unknown
     */
    public static Category parse(String name) {
        for (Category c : values()) {
            if (c.id().equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        throw new DatasetException("unknown category '" + name + "' (valid: "
                + Arrays.stream(values()).map(Category::id).collect(Collectors.joining(", ")) + ")");
    }
}
