package dev.trainctl.orchestrator.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.fakes.FakeServiceQuotas;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStatus;
import software.amazon.awssdk.services.sagemaker.model.StopHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/** {@code tune --on sagemaker}: the exact request for each strategy and range kind, and the guards before it. */
class TuneCommandTest {

    private final TuningSageMaker sageMaker = new TuningSageMaker();
    private final FakeServiceQuotas quotas = new FakeServiceQuotas().withDefaults(4);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final List<Command> commands = new ArrayList<>(List.of(new TuneCommand(invocation -> AwsClients
            .create(invocation.global(), invocation.console(), Map.of()).using(Region.EU_WEST_1)
            .using(FakeSts.user()).using(sageMaker).using(quotas), duration -> { }, clock)));

    {
        commands.addAll(TuneCommands.all(invocation -> AwsClients.create(invocation.global(), invocation.console(),
                Map.of()).using(Region.EU_WEST_1).using(sageMaker), duration -> { }));
    }

    private CliRun tune(String... args) {
        List<String> all = new ArrayList<>(List.of("--region", "eu-west-1", "tune", "--on", "sagemaker", "--dry-run"));
        all.addAll(List.of(args));
        return CliRun.with(commands, all.toArray(String[]::new));
    }

    private static JsonObject request(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonObject("request");
    }

    @Test
    void bayesianSearchSendsEachRangeKindAndTheTrialDefinitionOfTrainOnSageMaker() {
        JsonObject request = request(tune("--learning-rate", "0.0001:0.01", "--hidden-size", "64,128,256",
                "--batch-size", "32:128", "--epochs", "3", "--max-jobs", "12", "--max-parallel", "3"));

        assertThat(request.get("HyperParameterTuningJobName").getAsString()).isEqualTo("trainctl-mnist-261201-100000");
        JsonObject config = request.getAsJsonObject("HyperParameterTuningJobConfig");
        assertThat(config.get("Strategy").getAsString()).isEqualTo("Bayesian");
        assertThat(config.get("TrainingJobEarlyStoppingType").getAsString()).isEqualTo("Auto");
        assertThat(config.getAsJsonObject("HyperParameterTuningJobObjective").get("MetricName").getAsString())
                .isEqualTo("test:accuracy");
        assertThat(config.getAsJsonObject("HyperParameterTuningJobObjective").get("Type").getAsString())
                .isEqualTo("Maximize");
        assertThat(config.getAsJsonObject("ResourceLimits").get("MaxNumberOfTrainingJobs").getAsInt()).isEqualTo(12);
        assertThat(config.getAsJsonObject("ResourceLimits").get("MaxParallelTrainingJobs").getAsInt()).isEqualTo(3);
        JsonObject ranges = config.getAsJsonObject("ParameterRanges");
        JsonObject learningRate = ranges.getAsJsonArray("ContinuousParameterRanges").get(0).getAsJsonObject();
        assertThat(learningRate.get("Name").getAsString()).isEqualTo("learning_rate");
        assertThat(learningRate.get("MinValue").getAsString()).isEqualTo("0.0001");
        assertThat(learningRate.get("MaxValue").getAsString()).isEqualTo("0.01");
        assertThat(learningRate.get("ScalingType").getAsString()).isEqualTo("Logarithmic");
        JsonObject batch = ranges.getAsJsonArray("IntegerParameterRanges").get(0).getAsJsonObject();
        assertThat(batch.get("MinValue").getAsString()).isEqualTo("32");
        assertThat(batch.get("MaxValue").getAsString()).isEqualTo("128");
        assertThat(ranges.getAsJsonArray("CategoricalParameterRanges").get(0).getAsJsonObject()
                .getAsJsonArray("Values").toString()).isEqualTo("[\"64\",\"128\",\"256\"]");

        JsonObject definition = request.getAsJsonObject("TrainingJobDefinition");
        JsonObject statics = definition.getAsJsonObject("StaticHyperParameters");
        assertThat(statics.keySet()).contains("epochs", "seed", "dataset", "device")
                .doesNotContain("learning_rate", "hidden_size", "batch_size");
        assertThat(statics.get("epochs").getAsString()).isEqualTo("3");
        assertThat(statics.get("_tuning_objective_metric").getAsString()).isEqualTo("test:accuracy");
        assertThat(definition.get("EnableNetworkIsolation").getAsBoolean()).isTrue();
        assertThat(definition.get("RoleArn").getAsString())
                .isEqualTo("arn:aws:iam::123456789012:role/trainctl-mnist-execution");
        assertThat(definition.getAsJsonObject("AlgorithmSpecification").getAsJsonArray("MetricDefinitions"))
                .hasSize(TrainingJobRequests.METRIC_DEFINITIONS.size());
        assertThat(definition.getAsJsonArray("InputDataConfig").get(0).getAsJsonObject().getAsJsonObject("DataSource")
                .getAsJsonObject("S3DataSource").get("S3Uri").getAsString())
                .isEqualTo("s3://trainctl-123456789012-eu-west-1/trainctl-mnist/data/");
        assertThat(request.getAsJsonArray("Tags")).hasSize(2);
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void gridSearchRunsEveryCombinationWithEarlyStoppingOff() {
        JsonObject config = request(tune("--strategy", "grid", "--hidden-size", "64,128", "--batch-size", "32,64,128"))
                .getAsJsonObject("HyperParameterTuningJobConfig");

        assertThat(config.get("Strategy").getAsString()).isEqualTo("Grid");
        assertThat(config.getAsJsonObject("ResourceLimits").get("MaxNumberOfTrainingJobs").getAsInt()).isEqualTo(6);
        assertThat(config.get("TrainingJobEarlyStoppingType").getAsString()).isEqualTo("Off");
        assertThat(config.getAsJsonObject("ParameterRanges").getAsJsonArray("CategoricalParameterRanges")).hasSize(2);
    }

    @Test
    void hyperbandUsesEpochsAsItsResourceAndNoEarlyStopping() {
        JsonObject config = request(tune("--strategy", "hyperband", "--learning-rate", "0.0001:0.01", "--epochs", "8"))
                .getAsJsonObject("HyperParameterTuningJobConfig");

        assertThat(config.get("Strategy").getAsString()).isEqualTo("Hyperband");
        assertThat(config.get("TrainingJobEarlyStoppingType").getAsString()).isEqualTo("Off");
        JsonObject hyperband = config.getAsJsonObject("StrategyConfig").getAsJsonObject("HyperbandStrategyConfig");
        assertThat(hyperband.get("MinResource").getAsInt()).isEqualTo(1);
        assertThat(hyperband.get("MaxResource").getAsInt()).isEqualTo(8);
    }

    @Test
    void randomSearchWithTheLossAsObjectiveMinimizes() {
        JsonObject config = request(tune("--strategy", "random", "--objective", "test:loss", "--learning-rate",
                "0.0001:0.01")).getAsJsonObject("HyperParameterTuningJobConfig");

        assertThat(config.get("Strategy").getAsString()).isEqualTo("Random");
        assertThat(config.getAsJsonObject("HyperParameterTuningJobObjective").get("MetricName").getAsString())
                .isEqualTo("test:loss");
        assertThat(config.getAsJsonObject("HyperParameterTuningJobObjective").get("Type").getAsString())
                .isEqualTo("Minimize");
    }

    @Test
    void theWorstCaseIsEveryTrialRunningToItsMaxRuntime() {
        CliRun run = tune("--learning-rate", "0.0001:0.01", "--max-jobs", "20", "--max-runtime", "1800");

        assertThat(run.err()).contains("worst-case cost per trial: $0.03 (ml.t3.medium at $0.050/h x max runtime 30m")
                .contains("at most 20 trials: $0.50");
    }

    @Test
    void badSpecsAreRefusedBeforeAnyAwsCallWithWhatToDo() {
        assertThat(refusal(tune("--learning-rate", "0.001"))).contains("nothing to tune");
        assertThat(refusal(tune("--strategy", "grid", "--learning-rate", "0.0001:0.01")))
                .contains("grid searches lists only (a,b,c), but learning_rate in [0.0001, 0.01] (log scale) is a range");
        assertThat(refusal(tune("--strategy", "grid", "--hidden-size", "64,128", "--max-jobs", "5")))
                .contains("--max-jobs must be 2");
        assertThat(refusal(tune("--strategy", "hyperband", "--learning-rate", "0.0001:0.01", "--early-stopping",
                "auto"))).contains("SageMaker requires --early-stopping off");
        assertThat(refusal(tune("--objective", "test:f1", "--learning-rate", "0.0001:0.01")))
                .contains("use test:accuracy (maximize, the default) or test:loss (minimize)");
        assertThat(refusal(tune("--learning-rate", "0:0.01"))).contains("must be above 0");
        assertThat(refusal(tune("--learning-rate", "0.01:0.001"))).contains("needs MIN < MAX");
        assertThat(refusal(tune("--hidden-size", "64,sixty"))).contains("'sixty' is not a whole number");
        assertThat(refusal(tune("--learning-rate", "0.0001:0.01", "--max-jobs", "4", "--max-parallel", "5")))
                .contains("--max-parallel must be 1 to 4");
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void aNameTooLongForATuningJobIsRefusedWithTheLimit() {
        String name = "a-nineteen-chars-xy";

        assertThat(refusal(tune("--name", name, "--learning-rate", "0.0001:0.01")))
                .contains("--name '" + name + "' is too long to tune")
                .contains("at most 18");
    }

    @Test
    void sageMakerOnlyOptionsAreRefusedOfflineInsteadOfIgnored() {
        for (String option : List.of("--spot", "--detach", "--gpu")) {
            CliRun run = CliRun.with(commands, "tune", "--on", "emulated", "--learning-rate", "0.0001:0.01", option);

            assertThat(run.exitCode()).as(option).isEqualTo(2);
            assertThat(run.err()).contains(option);
        }
        CliRun early = CliRun.with(commands, "tune", "--on", "emulated", "--learning-rate", "0.0001:0.01",
                "--early-stopping", "off");
        assertThat(early.exitCode()).isEqualTo(2);
    }

    @Test
    void tuneNeedsToBeToldWhereToRun() {
        CliRun run = CliRun.with(commands, "tune", "--learning-rate", "0.0001:0.01");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tune needs --on sagemaker").contains("--on emulated");
    }

    private static String refusal(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        return run.err();
    }

    @Test
    void waitPrintsARowPerTrialAsItFinishesThenTheBestTrialAndItsModel() {
        var first = TuningSageMaker.trial(1, "0.001", TrainingJobStatus.COMPLETED, 0.9412f);
        var second = TuningSageMaker.trial(2, "0.0031", TrainingJobStatus.COMPLETED, 0.9533f);
        var third = TuningSageMaker.trial(3, "0.0002", TrainingJobStatus.FAILED, null);
        var running = TuningSageMaker.trial(2, "0.0031", TrainingJobStatus.IN_PROGRESS, null);
        sageMaker.trialsOverTime.add(List.of(first, running));
        sageMaker.trialsOverTime.add(List.of(first, second, third));
        sageMaker.describes.add(() -> TuningSageMaker.described(HyperParameterTuningJobStatus.IN_PROGRESS, first));
        sageMaker.describes.add(() -> TuningSageMaker.described(HyperParameterTuningJobStatus.COMPLETED, second));

        CliRun run = CliRun.with(commands, "--region", "eu-west-1", "tune", "wait", TuningSageMaker.NAME, "--poll",
                "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("TRIAL").contains("HYPERPARAMETERS").contains("test:accuracy");
        assertThat(lines.get(1)).startsWith(first.trainingJobName()).contains("learning_rate=0.001")
                .contains("Completed").contains("0.9412").endsWith(" 61");
        assertThat(lines.get(2)).startsWith(second.trainingJobName()).contains("0.9533");
        assertThat(lines.get(3)).startsWith(third.trainingJobName()).contains("Failed");
        assertThat(run.out()).contains("best trial " + second.trainingJobName() + ": test:accuracy=0.9533 with"
                + " learning_rate=0.0031")
                .contains("its model: s3://trainctl-123456789012-eu-west-1/trainctl-mnist/output/"
                        + second.trainingJobName() + "/output/model.tar.gz")
                .contains("evaluate it: trainctl evaluate --model s3://");
    }

    @Test
    void statusInJsonIsOneSnakeCaseDocumentWithEveryTrial() {
        var first = TuningSageMaker.trial(1, "0.001", TrainingJobStatus.COMPLETED, 0.9412f);
        var second = TuningSageMaker.trial(2, "0.0031", TrainingJobStatus.COMPLETED, 0.9533f);
        var third = TuningSageMaker.trial(3, "0.0005", TrainingJobStatus.COMPLETED, 0.9501f);
        sageMaker.trialsOverTime.add(List.of(first, second, third));
        sageMaker.describes.add(() -> TuningSageMaker.described(HyperParameterTuningJobStatus.COMPLETED, second));

        CliRun run = CliRun.with(commands, "--region", "eu-west-1", "tune", "status", TuningSageMaker.NAME,
                "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("tuning_job_name", "status", "strategy", "objective_metric",
                "objective_type", "trials", "best_trial", "best_model");
        JsonArray trials = json.getAsJsonArray("trials");
        assertThat(trials).hasSize(3);
        assertThat(trials.get(0).getAsJsonObject().keySet()).containsExactly("name", "hyperparameters", "status",
                "objective", "seconds");
        assertThat(json.getAsJsonObject("best_trial").get("name").getAsString()).isEqualTo(second.trainingJobName());
    }

    @Test
    void stopSendsStopHyperParameterTuningJob() {
        CliRun run = CliRun.with(commands, "--region", "eu-west-1", "tune", "stop", TuningSageMaker.NAME);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sageMaker.requests).singleElement().isInstanceOfSatisfying(StopHyperParameterTuningJobRequest.class,
                r -> assertThat(r.hyperParameterTuningJobName()).isEqualTo(TuningSageMaker.NAME));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "--strategy {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"bayesian", "random", "grid", "hyperband"})
    void everyTrialOfATuningJobRunsInTheVpcWithTheKeys(String strategy) {
        String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        String volumeKey = "arn:aws:kms:eu-west-1:123456789012:key/0000abcd-12ab-34cd-56ef-1234567890ab";
        CliRun run = tune("--strategy", strategy, "--hidden-size", "64,128", "--epochs", "2", "--max-jobs", "2",
                "--subnets", "subnet-0123456789abcdef0", "--security-group-ids", "sg-0123456789abcdef0",
                "--kms-key", key, "--volume-kms-key", volumeKey, "--spot");
        JsonObject definition = request(run).getAsJsonObject("TrainingJobDefinition");

        assertThat(definition.getAsJsonObject("VpcConfig").getAsJsonArray("Subnets").toString())
                .isEqualTo("[\"subnet-0123456789abcdef0\"]");
        assertThat(definition.getAsJsonObject("OutputDataConfig").get("KmsKeyId").getAsString()).isEqualTo(key);
        assertThat(definition.getAsJsonObject("ResourceConfig").get("VolumeKmsKeyId").getAsString())
                .isEqualTo(volumeKey);
    }
}
