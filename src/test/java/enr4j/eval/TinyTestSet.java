package enr4j.eval;

import enr4j.datagen.synth.Category;
import enr4j.datagen.synth.DatasetGenerator;
import enr4j.datagen.synth.GeneratorOptions;
import java.nio.file.Path;

/** A tiny generated test split: spiral views at 16 px. */
final class TinyTestSet {
    private TinyTestSet() {}

    /** @return the {@code test} folder holding {@code scenes} scenes of {@code views} views each */
    static Path generate(Path dir, int scenes, int views) {
        DatasetGenerator.generate(GeneratorOptions.builder(Category.CHAIRS).scenes(0, 0, scenes).testViews(views)
                .size(16).supersampling(1).seed(11).threads(1).build(), dir);
        return dir.resolve("test");
    }
}
