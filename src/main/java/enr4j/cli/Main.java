package enr4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code enr} command line. */
@Command(name = "enr", mixinStandardHelpOptions = true, version = "enr4j 0.1.0",
        description = "Equivariant Neural Rendering on the JVM: infer a 3D scene from one image, turn it, render it.",
        subcommands = {DemoCommand.class, InfoCommand.class, DatasetCommand.class, TrainCommand.class,
                EvaluateCommand.class, NovelViewsCommand.class, ServeCommand.class, PlotCommand.class,
                BenchCommand.class, ConvertCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (0 ok, 1 error, 2 usage). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl.execute(args);
    }
}
