package dev.trainctl.orchestrator.s3serve;

import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trainctl s3 serve}: the embedded S3-compatible server in the foreground, for other tools to use. */
public final class S3ServeCommand implements Command {

    public List<String> path() {
        return List.of("s3", "serve");
    }

    public String summary() {
        return "run a local S3-compatible server (S3Proxy, files under the cache dir; only you can use it) until Ctrl-C";
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
        StoreDirectory.Checked store;
        try {
            store = StoreDirectory.prepare(directory, directory.equals(EmbeddedS3.defaultDirectory()));
        } catch (IOException e) {
            throw TrainctlException.usage("--dir: " + e.getMessage());
        }
        store.warning().ifPresent(console::warn);
        Optional<String> exposed = nonLoopback(host);
        EmbeddedS3 server;
        try {
            server = EmbeddedS3.start(store.path(), host, port, ServerCredentials.random());
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
            server.close(); // removes the credentials file too
            stopped.countDown();
        }, "trainctl-s3-serve"));
        Path credentialsFile;
        try {
            credentialsFile = server.shareCredentials();
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, "cannot keep the server's credentials: " + e.getMessage(), e);
        }
        exposed.ifPresent(console::warn);
        console.say("S3-compatible server at " + server.endpoint() + ", storing in " + directory);
        console.say("it accepts only requests signed with this server's own secret (new at every start; shown once"
                + " here, and kept in " + credentialsFile + ", readable only by you, until it stops):");
        console.say("  access key " + server.credentials().accessKey() + ", secret key "
                + server.credentials().secretKey() + ", region " + EmbeddedS3.REGION + ", path-style addressing");
        console.say("use it:  trainctl --endpoint-url " + server.endpoint() + " train --on emulated");
        console.say("         AWS_SHARED_CREDENTIALS_FILE=" + credentialsFile + " aws --endpoint-url "
                + server.endpoint() + " s3 ls --recursive s3://" + EmbeddedS3.LOCAL_BUCKET);
        console.say("Ctrl-C stops it.");
        console.result(java.util.Map.of("endpoint", server.endpoint().toString(), "directory", directory.toString(),
                "credentials_file", credentialsFile.toString(), "access_key", server.credentials().accessKey()));
        console.out().flush();
        stopped.await();
        return ExitCode.OK;
    }

    /** The loud warning for an address other machines can reach, or empty for a loopback one. */
    static Optional<String> nonLoopback(String host) {
        try {
            InetAddress address = InetAddress.getByName(host.startsWith("[") && host.endsWith("]")
                    ? host.substring(1, host.length() - 1) : host);
            if (address.isLoopbackAddress()) {
                return Optional.empty();
            }
        } catch (UnknownHostException e) {
            // an unknown name: warn as for any other address
        }
        return Optional.of("WARNING: --host " + host + " is not a loopback address: other machines that can reach"
                + " this one can send requests to this server. It still accepts only requests signed with its own"
                + " secret, but it speaks plain HTTP: the objects (your data and models) cross the network"
                + " unencrypted. Serve on 127.0.0.1 (the default) unless you mean this.");
    }
}
