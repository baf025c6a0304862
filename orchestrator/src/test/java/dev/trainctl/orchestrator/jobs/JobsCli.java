package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.CommandLineInterface;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/** The jobs commands through the real command line, against a scripted SageMaker and CloudWatch Logs. */
final class JobsCli {

    final RecordingSageMaker sageMaker = new RecordingSageMaker();
    final ScriptedLogs logs = new ScriptedLogs();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        CommandLineInterface cli = new CommandLineInterface("test", JobsCommands.all(
                invocation -> AwsClients.create(invocation.global(), invocation.console(), Map.of())
                        .using(Region.EU_WEST_1).using(sageMaker).using(logs),
                duration -> { }),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
