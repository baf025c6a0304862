package dev.trainctl.orchestrator.s3serve;

import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trainctl s3 serve}: the embedded S3-compatible server in the foreground, for other tools to use. */
public final class S3ServeCommand implements Command {

    public List<String> path() {
        return List.of("s3", "serve");
    }

    public String summary() {
        return "run a local S3-compatible server (S3Proxy, files under the cache dir) until Ctrl-C";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.offline();
    }

    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("port").hasArg().argName("PORT")
                        .desc("port to listen on (default: 9000; 0 picks a free one)").get())
                .addOption(Option.builder().longOpt("host").hasArg().argName("HOST")
                        .desc("address to listen on (default: 127.0.0.1)").get())
                .addOption(Option.builder().longOpt("dir").hasArg().argName("DIR")
                        .desc("where buckets and objects are stored (default: " + EmbeddedS3.defaultDirectory() + ")")
                        .get());
    }

    public ExitCode run(Invocation invocation) throws Exception {
        Path directory = Path.of(invocation.value("dir", EmbeddedS3.defaultDirectory().toString()));
        Console console = invocation.console();
        String host = invocation.value("host", "127.0.0.1");
        int port = invocation.intValue("port", 9000, 0, 65535);
        EmbeddedS3 server;
        try {
            server = EmbeddedS3.start(directory, host, port);
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw TrainctlException.usage("port " + port + " on " + host + " is in use (another 's3 serve'?"
                            + " 'ss -ltnp' shows who has it): pass another --port, such as --port " + (port < 65535 ? port + 1 : port - 1)
                            + ", or --port 0 to pick a free one");
                }
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "trainctl-s3-serve"));
        console.say("S3-compatible server at " + server.endpoint() + ", storing in " + directory);
        console.say("credentials: access key " + EmbeddedS3.ACCESS_KEY + ", secret key " + EmbeddedS3.SECRET_KEY
                + ", region " + EmbeddedS3.REGION + ", path-style addressing");
        console.say("use it:  trainctl --endpoint-url " + server.endpoint() + " train --on emulated");
        console.say("         AWS_ACCESS_KEY_ID=" + EmbeddedS3.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY="
                + EmbeddedS3.SECRET_KEY + " aws --endpoint-url " + server.endpoint() + " s3 ls --recursive s3://"
                + EmbeddedS3.LOCAL_BUCKET);
        console.say("Ctrl-C stops it.");
        console.result(java.util.Map.of("endpoint", server.endpoint().toString(), "directory", directory.toString()));
        console.out().flush();
        stopped.await();
        return ExitCode.OK;
    }
}
