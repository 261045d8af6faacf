package enr4j.cli;

import enr4j.io.Terminal;
import enr4j.torch.NativeBuild;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.RunLast;

/** The {@code enr} command line. */
@Command(name = "enr", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Equivariant Neural Rendering on the JVM: infer a 3D scene from one image, turn it, render it.",
        subcommands = {DemoCommand.class, InfoCommand.class, DatasetCommand.class, TrainCommand.class,
                EvaluateCommand.class, NovelViewsCommand.class, ServeCommand.class, PlotCommand.class,
                BenchCommand.class, ConvertCommand.class, HelpCommand.class, CompletionCommand.class})
public final class Main {
    static {
        NativeBuild.select();
    }

    @Mixin
    Verbosity verbosity;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (0 ok, 1 error, 2 usage). */
    public static int run(String... args) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        IExecutionExceptionHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler((e, failed, parsed) -> {
            int code = errors.handleExecutionException(e, failed, parsed);
            if (main.verbosity.verbose && System.getenv("ENR_DEBUG") == null) {
                e.printStackTrace(failed.getErr());
            }
            return code;
        });
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setExecutionStrategy(parsed -> main.verbosity.around(() -> new RunLast().execute(parsed)));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                Terminal.colours() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        try {
            return cl.execute(args);
        } catch (Error e) { // picocli hands on errors such as OutOfMemoryError: they get the same one line
            return ErrorHandler.report(e, cl.getErr());
        }
    }
}
