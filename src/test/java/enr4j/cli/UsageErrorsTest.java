package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A command line that does not parse gets one line naming the option, and where the options are listed. */
@Tag("fast")
class UsageErrorsTest {
    private static void assertUsageLine(String expected, String... args) {
        CliTestSupport.Outcome r = CliTestSupport.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(expected, r.err().strip());
        MessageWordsTest.assertInUserWords(r.err());
    }

    @Test
    void eachKindOfParseFailureIsOneLine() {
        assertUsageLine("enr: error: Invalid value for option '--scenes': 'x' is not an int"
                + " (enr dataset generate --help lists the options)", "dataset", "generate", "--scenes", "x");
        assertUsageLine("enr: error: Invalid value for option '--kernels': kernels must be native or libtorch,"
                + " got 'bogus' (enr bench --help lists the options)", "bench", "--kernels", "bogus");
        assertUsageLine("enr: error: Unknown options: '--frame', '3'; did you mean --frames?"
                + " (enr novel-views --help lists the options)", "novel-views", "m", "i", "--frame", "3");
        assertUsageLine("enr: error: Missing required parameter: 'DATA' (enr evaluate --help lists the options)",
                "evaluate", "m");
    }
}
