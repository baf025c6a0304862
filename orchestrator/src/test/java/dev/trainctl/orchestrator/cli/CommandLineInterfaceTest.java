package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class CommandLineInterfaceTest {

    /** A command that records what it was given. */
    private static class Echo implements Command {
        final List<Invocation> invocations = new ArrayList<>();

        @Override
        public List<String> path() {
            return List.of("data", "echo");
        }

        @Override
        public String summary() {
            return "echo for tests";
        }

        @Override
        public Options options() {
            return new Options().addOption(Option.builder().longOpt("count").hasArg().desc("a number").get());
        }

        @Override
        public ExitCode run(Invocation invocation) {
            invocations.add(invocation);
            int count = invocation.intValue("count", 1, 0, 10);
            invocation.console().say("echo " + count);
            invocation.console().result(new Echoed(count));
            return ExitCode.OK;
        }
    }

    record Echoed(int count) {}

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        Echo echo = new Echo();
        CliRun run = CliRun.with(List.of(echo), "--region", "eu-west-1", "data", "echo", "--count", "3",
                "--endpoint-url", "http://127.0.0.1:9000", "--dry-run");

        assertThat(run.exitCode()).isZero();
        GlobalOptions global = echo.invocations.get(0).global();
        assertThat(global.region()).contains("eu-west-1");
        assertThat(global.endpointUrl()).hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(9000));
        assertThat(global.dryRun()).isTrue();
        assertThat(run.out()).isEqualTo("echo 3\n");
    }

    @Test
    void jsonOutputIsOneDocumentOnStdoutAndHumanLinesOnStderr() {
        CliRun run = CliRun.with(List.of(new Echo()), "data", "echo", "--count", "4", "--output", "json");

        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.get("count").getAsInt()).isEqualTo(4);
        assertThat(run.err()).contains("echo 4");
    }

    @Test
    void anUnknownOptionIsOneLineAndAPointerToTheHelpWithExitCode2() {
        CliRun run = CliRun.with(List.of(new Echo()), "data", "echo", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("trainctl: Unrecognized option: --bogus\nsee 'trainctl data echo --help'\n");
    }

    @Test
    void badNumberGivesUsageAndExitCode2() {
        CliRun run = CliRun.with(List.of(new Echo()), "data", "echo", "--count", "many");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--count must be a whole number from 0 to 10, got 'many'");
    }

    @Test
    void anUnknownCommandIsOneLineAndAPointerToTheCommandList() {
        CliRun run = CliRun.with(List.of(new Echo()), "fly");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("trainctl: unknown command 'fly'\nsee 'trainctl --help'\n");
    }

    @Test
    void aGroupWordAloneListsItsSubcommands() {
        CliRun run = CliRun.with(List.of(new Echo()), "data");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("usage: trainctl data <command>").contains("data echo");
    }

    @Test
    void badOutputFormatIsAUsageError() {
        CliRun run = CliRun.with(List.of(new Echo()), "data", "echo", "--output", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--output must be text or json, got 'yaml'");
    }

    @Test
    void badEndpointUrlIsAUsageError() {
        CliRun run = CliRun.with(List.of(new Echo()), "data", "echo", "--endpoint-url", "localhost");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--endpoint-url must be a URL");
    }

    @Test
    void commandHelpShowsItsOptionsAndTheGlobalOnes() {
        CliRun run = CliRun.with(List.of(new Echo()), "data", "echo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--count").contains("--endpoint-url").contains("--dry-run");
    }

    @Test
    void helpWorksEvenWhenARequiredOptionIsMissing() {
        Command strict = new Echo() {
            @Override
            public Options options() {
                return new Options().addOption(Option.builder().longOpt("role-arn").hasArg().required()
                        .desc("required").get());
            }
        };
        CliRun run = CliRun.with(List.of(strict), "data", "echo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("usage: trainctl data echo").contains("--role-arn");
    }

    @Test
    void helpOnAGroupListsItsSubcommands() {
        CliRun run = CliRun.with(List.of(new Echo()), "data", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("usage: trainctl data <command>").contains("data echo");
    }

    @Test
    void failuresPrintOneLineAndTheirExitCode() {
        Command failing = new Echo() {
            @Override
            public ExitCode run(Invocation invocation) {
                throw new TrainctlException(ExitCode.DATA, "train-images-idx3-ubyte: corrupt");
            }
        };
        CliRun run = CliRun.with(List.of(failing), "data", "echo");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("trainctl: train-images-idx3-ubyte: corrupt\n");
    }

    @Test
    void unexpectedExceptionsShowAStackTraceOnlyWithVerbose() {
        Command crashing = new Echo() {
            @Override
            public ExitCode run(Invocation invocation) {
                throw new IllegalStateException("boom");
            }
        };
        assertThat(CliRun.with(List.of(crashing), "data", "echo").err()).doesNotContain("\tat ");
        CliRun verbose = CliRun.with(List.of(crashing), "data", "echo", "-v");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("IllegalStateException: boom").contains("\tat ");
    }

    @Test
    void versionAndTopLevelHelp() {
        assertThat(CliRun.with(List.of(new Echo()), "--version").out()).isEqualTo("trainctl test\n");
        CliRun help = CliRun.with(List.of(new Echo()), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:").contains("130  interrupted");
    }
}
