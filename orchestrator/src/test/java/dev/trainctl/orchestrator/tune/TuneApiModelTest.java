package dev.trainctl.orchestrator.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.fakes.UploadFiles;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import dev.trainctl.orchestrator.fidelity.CapturedAccount;
import dev.trainctl.orchestrator.fidelity.ModelJson;
import dev.trainctl.orchestrator.fidelity.RequestCapture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Every request {@code tune --on sagemaker} and {@code tune list|status|wait|stop} build, for every strategy, range
 * kind and instance family, and with values at AWS's limits, valid against AWS's published API models (botocore); a
 * value past a limit, or one a trial's {@code train} would refuse, is a usage error before any request.
 */
class TuneApiModelTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    @TempDir
    static Path data;
    static List<Path> files;

    private final TuningSageMaker sageMaker = new TuningSageMaker();
    private final CapturedAccount account = new CapturedAccount(sageMaker, null);
    private final RequestCapture capture = account.capture;

    @BeforeAll
    static void dataFiles() {
        files = UploadFiles.in(data);
    }

    private CliRun run(String... args) {
        List<Command> commands = new ArrayList<>(List.of(new TuneCommand(account::clients, invocation -> files,
                Sleeper.NONE, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC))));
        commands.addAll(TuneCommands.all(account::clients, Sleeper.NONE));
        return CapturedAccount.run(commands, args);
    }

    private CliRun tune(String... args) {
        List<String> all = new ArrayList<>(List.of("tune", "--on", "sagemaker"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private JsonObject dryRun(String... args) {
        List<String> all = new ArrayList<>(List.of("--dry-run", "--output", "json"));
        all.addAll(List.of(args));
        CliRun run = tune(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    private static final String[] EVERY_RANGE_KIND = {"--learning-rate", "0.0001:0.01", "--batch-size", "16:256",
        "--hidden-size", "64,128,256"};

    @Test
    void everyStrategyWithEveryRangeKindOnEveryInstanceFamilyIsValid() {
        Map<String, String> families = new TreeMap<>();
        for (String type : dev.trainctl.orchestrator.trainingjob.InstanceTypes.known()) {
            families.putIfAbsent(type.replaceFirst("^ml\\.([a-z0-9-]+)\\..*", "$1"), type);
        }
        for (String type : families.values()) {
            List<String> args = new ArrayList<>(List.of("--instance-type", type));
            args.addAll(List.of(EVERY_RANGE_KIND));
            API.assertValidCall(dryRun(args.toArray(String[]::new)));
        }
        for (String strategy : List.of("bayesian", "random", "hyperband")) {
            List<String> args = new ArrayList<>(List.of("--strategy", strategy, "--spot", "--objective", "test:loss"));
            args.addAll(List.of(EVERY_RANGE_KIND));
            API.assertValidCall(dryRun(args.toArray(String[]::new)));
        }
        API.assertValidCall(dryRun("--strategy", "grid", "--hidden-size", "64,128", "--batch-size", "32,64",
                "--learning-rate", "0.001,0.01", "--gpu"));
        API.assertValidCall(dryRun("--strategy", "random", "--early-stopping", "off", "--learning-rate",
                "0.0001:0.01", "--allow-network"));
    }

    @Test
    void everyStrategysTrialsInAVpcWithBothKeysAreValid() {
        for (String strategy : List.of("bayesian", "random", "hyperband", "grid")) {
            List<String> args = new ArrayList<>(List.of("--strategy", strategy, "--spot",
                    "--instance-type", "ml.m5.large", "--hidden-size", "64,128"));
            args.addAll(List.of(dev.trainctl.orchestrator.fakes.VpcAndKeysArgs.atTheirLimits()));
            JsonObject printed = dryRun(args.toArray(String[]::new));
            JsonObject definition = printed.getAsJsonObject("request").getAsJsonObject("TrainingJobDefinition");
            assertThat(definition.getAsJsonObject("VpcConfig").getAsJsonArray("Subnets")).as(strategy).hasSize(16);
            assertThat(definition.getAsJsonObject("ResourceConfig").has("VolumeKmsKeyId")).as(strategy).isTrue();
            API.assertValidCall(printed);
            printed.getAsJsonArray("uploads").forEach(API::assertValidCall);
        }
    }

    /** {@code 1e-254} is {@code 0.000...1} with 254 decimals: the 256 characters a range's bound may have. */
    @Test
    void valuesAtAwsLimitsAndAtTrainsLimitsAreValid() {
        assertThat(new BigDecimal("1e-254").toPlainString()).hasSize(256);
        String thirty = IntStream.rangeClosed(1, 30).mapToObj(String::valueOf).collect(Collectors.joining(","));
        API.assertValidCall(dryRun("--learning-rate", "1e-254:9.99", "--hidden-size", thirty, "--batch-size",
                "1:60000", "--max-jobs", "500", "--max-parallel", "100", "--name", "n".repeat(18)));
        API.assertValidCall(dryRun("--strategy", "grid", "--hidden-size", "1,65536", "--batch-size", thirty));
        API.assertValidCall(dryRun("--strategy", "hyperband", "--learning-rate", "0.0001:0.01", "--epochs", "1000",
                "--seed", String.valueOf(Long.MAX_VALUE), "--max-train-samples", String.valueOf(Integer.MAX_VALUE)));
        API.assertValidCall(dryRun("--strategy", "hyperband", "--learning-rate", "0.0001:0.01", "--epochs", "1",
                "--seed", "0", "--max-jobs", "1", "--max-parallel", "1"));
    }

    @Test
    void aValuePastAnAwsLimitOrOneTrainRefusesIsAUsageErrorBeforeAnyRequest() {
        String thirtyOne = IntStream.rangeClosed(1, 31).mapToObj(String::valueOf).collect(Collectors.joining(","));
        assertThat(CapturedAccount.refusal(tune("--hidden-size", thirtyOne))).contains("at most 30 values");
        assertThat(CapturedAccount.refusal(tune("--learning-rate", "1e-255:0.01"))).contains("at most 256 characters");
        assertThat(CapturedAccount.refusal(tune("--learning-rate", "0.001:10"))).contains("a trial could get 10")
                .contains("learning rate must be in (0, 10)");
        assertThat(CapturedAccount.refusal(tune("--hidden-size", "1:65537"))).contains("a trial could get 65537");
        assertThat(CapturedAccount.refusal(tune("--hidden-size", "64,65537"))).contains("a trial could get 65537");
        assertThat(CapturedAccount.refusal(tune("--batch-size", "1:60001"))).contains("a trial could get 60001");
        assertThat(CapturedAccount.refusal(tune("--learning-rate", "0.0001:0.01", "--image", "i".repeat(256))))
                .contains("--image").contains("at most 255 characters");
        assertThat(CapturedAccount.refusal(tune("--learning-rate", "0.0001:0.01", "--role-arn",
                "arn:aws:iam::123456789012:role/a#b"))).contains("--role-arn");
        assertThat(capture.requests()).isEmpty();
    }

    @Test
    void theJsonDryRunIsExactlyWhatARealRunSendsUploadsFirst() {
        JsonObject printed = dryRun("--learning-rate", "0.0001:0.01", "--hidden-size", "64,128", "--spot");
        capture.clear();

        CliRun run = tune("--learning-rate", "0.0001:0.01", "--hidden-size", "64,128", "--spot", "--detach");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ModelJson.dryRunJobCalls(printed)).isEqualTo(ModelJson.mutatingCalls(capture.requests()));
        assertThat(printed.getAsJsonArray("uploads")).extracting(upload -> upload.getAsJsonObject().get("body")
                .getAsString()).containsExactlyElementsOf(files.stream().map(f -> f.toAbsolutePath().toString())
                        .toList());
    }

    @Test
    void aSubmittedTuningJobAndItsUploadAreValid() {
        CliRun run = tune("--learning-rate", "0.0001:0.01", "--hidden-size", "64,128", "--detach");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(capture.requests()).extracting(RequestCapture::operation).contains("PutObject",
                "CreateHyperParameterTuningJob");
        API.assertValid(capture.requests());
    }

    @Test
    void everyTuneSubcommandSendsValidRequests() {
        var trial = TuningSageMaker.trial(1, "0.001", TrainingJobStatus.COMPLETED, 0.95f);
        sageMaker.trialsOverTime.add(List.of(trial));
        sageMaker.describes.add(() -> TuningSageMaker.described(HyperParameterTuningJobStatus.COMPLETED, trial));

        assertThat(run("tune", "list").exitCode()).isZero();
        assertThat(run("tune", "list", "--name", "n".repeat(62), "--max", "10000").exitCode()).isZero();
        assertThat(run("tune", "list", "--all").exitCode()).isZero();
        assertThat(run("tune", "status", TuningSageMaker.NAME).exitCode()).isZero();
        assertThat(run("tune", "wait", TuningSageMaker.NAME, "--poll", "0").exitCode()).isZero();
        assertThat(run("tune", "stop", TuningSageMaker.NAME).exitCode()).isZero();
        CliRun dryStop = run("tune", "stop", TuningSageMaker.NAME, "--dry-run", "--output", "json");
        assertThat(dryStop.exitCode()).isZero();

        API.assertValid(capture.requests());
        API.assertValidCall(JsonParser.parseString(dryStop.out()));
        assertThat(JsonParser.parseString(dryStop.out())).as("the dry run prints what the real stop sent")
                .isEqualTo(ModelJson.call(capture.requests().stream()
                        .filter(r -> RequestCapture.operation(r).equals("StopHyperParameterTuningJob")).findFirst().orElseThrow()));
    }

    @Test
    void tuneListRefusesANameThatCannotBeAskedFor() {
        assertThat(CapturedAccount.refusal(run("tune", "list", "--name", "n".repeat(63)))).contains("at most 63 characters");
        assertThat(CapturedAccount.refusal(run("tune", "list", "--name", "a#b"))).contains("letters, digits and hyphens only");
        assertThat(CapturedAccount.refusal(run("tune", "list", "--name", "a", "--all"))).contains("--all");
        assertThat(capture.requests()).isEmpty();
    }

}
