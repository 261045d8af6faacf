package enr4j.cli;

import enr4j.eval.ModelViewSource;
import enr4j.serve.ViewerConfig;
import enr4j.serve.ViewerServer;
import enr4j.torch.Torch;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enr serve MODEL}: the interactive novel-view viewer in the browser. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a web page where you drop an image and drag to turn the camera around its scene."
                + " Runs until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a model directory/.zip or a .pt checkpoint")
    Path model;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = ViewerConfig.DEFAULT_HOST,
            description = "address to bind (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--background", defaultValue = "white", description = InputBackground.HELP)
    String background;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: cuda when available)")
    String device;

    @picocli.CommandLine.Mixin
    KernelOptions kernels;

    @Override
    public Integer call() throws InterruptedException {
        ModelSource source = ModelSource.open(model);
        ModelViewSource views = new ModelViewSource(source.model(),
                Torch.device(device == null ? Torch.defaultDeviceName() : device));
        ViewerServer server = ViewerServer.start(views, ViewerConfig.defaults().withHost(host).withPort(port)
                .withBackground(InputBackground.parse(background)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "enr-serve-shutdown"));
        System.out.println("enr viewer at " + server.uri() + " (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
