package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SplitSpecTest {
    @Test
    void fractionsRoundValAndTestAndGiveTrainTheRest() {
        assertEquals(new SplitSpec(80, 10, 10), SplitSpec.parse("0.8:0.1:0.1", 100));
        assertEquals(new SplitSpec(8, 1, 1), SplitSpec.parse("0.8:0.1:0.1", 10));
        assertEquals(new SplitSpec(3, 0, 0), SplitSpec.parse("0.8:0.1:0.1", 3), "0.3 scenes round to none");
        assertEquals(new SplitSpec(5, 0, 0), SplitSpec.parse("1:0:0", 5));
    }

    @Test
    void integersAddingUpToTheSceneCountAreCounts() {
        assertEquals(new SplitSpec(7, 2, 1), SplitSpec.parse("7:2:1", 10));
        assertEquals(new SplitSpec(0, 0, 4), SplitSpec.parse("0:0:4", 4));
    }

    @Test
    void rejectsMalformedSplits() {
        assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("0.8:0.2", 10));
        assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("0.5:0.5:0.5", 10));
        assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("7:2:2", 10), "counts not adding up");
        assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("a:b:c", 10));
        assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("-0.5:1:0.5", 10));
    }
}
