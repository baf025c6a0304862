package dev.trainctl.orchestrator.policy;

import static dev.trainctl.orchestrator.cli.TrainctlException.usageIfInvalid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.Target;
import dev.trainctl.orchestrator.roles.PolicyJson;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * {@code trainctl policy show [trust|role|serving-trust|serving-role|boundary|caller|caller-resources|caller-serving|provisioner|rolecheck|account]}:
 * the execution and serving roles' trust and permissions policies and their boundary, and the least-privilege policies for whoever runs trainctl, each statement explained
 * in one line. Needs no credentials:
 * without them (or with {@code --account}) the documents use a placeholder or the given account.
 */
public final class PolicyShowCommand implements Command {

    /** The documents that can be shown. */
    public enum Document {
        TRUST("trust policy of the execution role: who may assume it"),
        ROLE("inline permissions policy of the execution role: what a training job may do"),
        SERVING_TRUST("trust policy of the serving role (NAME-serving): who may assume it"),
        SERVING_ROLE("inline permissions policy of the serving role: what SageMaker may do for this name's"
                + " endpoints"),
        BOUNDARY("permissions boundary of the execution and serving roles (managed policy"
                + " NAME-execution-boundary): the most the roles can ever do, whatever their policies say"),
        CALLER("least-privilege policy for the user or CI that runs training jobs: start, watch and stop them (one of"
                + " three caller policies: attach caller, caller-resources and caller-serving as managed policies)"),
        CALLER_RESOURCES("least-privilege policy for the user or CI that runs training jobs: the name's objects,"
                + " the jobs' logs, the image (with caller)"),
        CALLER_SERVING("least-privilege policy for the user or CI that deploys: models and serverless endpoints"
                + " (with caller and caller-resources)"),
        PROVISIONER("least-privilege policy for whoever runs 'provision' and 'teardown' (keep it apart from the"
                + " caller)"),
        ROLECHECK("read-only policy for whoever runs 'role check' (add the caller policy for --live)"),
        ACCOUNT("read-only policy for 'account check', the quota pre-flight and live prices");

        private final String title;

        Document(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final BiFunction<GlobalOptions, Console, AwsClients> clients;

    public PolicyShowCommand() {
        this(AwsClients::create);
    }

    public PolicyShowCommand(BiFunction<GlobalOptions, Console, AwsClients> clients) {
        this.clients = clients;
    }

    @Override
    public List<String> path() {
        return List.of("policy", "show");
    }

    @Override
    public String summary() {
        return "print the role's trust and permissions policies and the caller's and provisioner's policies, explained";
    }

    @Override
    public String arguments() {
        return "[trust|role|serving-trust|serving-role|boundary|caller|caller-resources|caller-serving|provisioner|rolecheck|account]";
    }

    /** Which documents each option changes; naming another document with it would drop it silently. */
    @Override
    public OptionRules rules() {
        return OptionRules.none()
                .unused("does nothing here: policy show only prints documents and sends no AWS request that changes"
                        + " anything", "dry-run")
                .onlyWhen(given -> !given.has("account"), false, "does nothing with --account: the account is given,"
                        + " so nothing is asked from AWS", "profile", "endpoint-url")
                .onlyForArguments(Set.of("caller"), "instance-types", "max-runtime")
                .onlyForArguments(Set.of("role", "serving-role", "boundary", "caller", "caller-resources"),
                        "kms-key")
                .onlyForArguments(Set.of("role", "boundary", "caller"), "volume-kms-key", "subnets",
                        "security-group-ids");
    }

    @Override
    public Options options() {
        return Target.addOptions(new Options())
                .addOption(Option.builder().longOpt("format").hasArg().argName("text|json")
                        .desc("text: explained (default); json: the raw policy document only").get())
                .addOption(Option.builder().longOpt("account").hasArg().argName("ACCOUNT_ID")
                        .desc("use this account id instead of asking STS (works with no credentials)").get())
                .addOption(Option.builder().longOpt("permissions-boundary").hasArg().argName("POLICY_ARN")
                        .desc("provisioner: the role's boundary is this policy (as provisioned with"
                                + " --permissions-boundary; default NAME-execution-boundary)").get())
                .addOption(Option.builder().longOpt("kms-key").hasArg().argName("KEY_ARN")
                        .desc("include use of this KMS key (as provisioned with --kms-key)").get())
                .addOption(Option.builder().longOpt("volume-kms-key").hasArg().argName("KEY_ARN")
                        .desc("include the grant for this volume key (as provisioned with --volume-kms-key)").get())
                .addOption(Option.builder().longOpt("subnets").hasArg().argName("ID,...")
                        .desc("include the network interfaces of jobs in these subnets (with --security-group-ids, as"
                                + " provisioned)").get())
                .addOption(Option.builder().longOpt("security-group-ids").hasArg().argName("ID,...")
                        .desc("the security groups of those jobs (with --subnets)").get())
                .addOption(Option.builder().longOpt("instance-types").hasArg().argName("LIST")
                        .desc("comma-separated instance types the caller may train on (default "
                                + String.join(",", CallerPolicy.DEFAULT_INSTANCE_TYPES) + ")").get())
                .addOption(Option.builder().longOpt("max-runtime").hasArg().argName("SECONDS")
                        .desc("largest MaxRuntimeInSeconds the caller may set (default "
                                + CallerPolicy.DEFAULT_MAX_RUNTIME_SECONDS + ")").get());
    }

    @Override
    public ExitCode run(Invocation invocation) {
        List<Document> documents = documents(invocation.arguments());
        String format = invocation.value("format", "text").toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw TrainctlException.usage("--format must be text or json, got '" + format + "'");
        }
        Optional<String> account = invocation.value("account");
        account.filter(a -> !a.matches("\\d{12}")).ifPresent(a -> {
            throw TrainctlException.usage("--account must be a 12-digit account id, got '" + a + "'");
        });
        JobSecurity security = usageIfInvalid(() -> JobSecurity.of(invocation.value("subnets"),
                invocation.value("security-group-ids"), invocation.value("kms-key"),
                invocation.value("volume-kms-key")));
        CallerPolicy.Options callerOptions = new CallerPolicy.Options(
                invocation.value("instance-types").map(PolicyShowCommand::list)
                        .orElse(CallerPolicy.DEFAULT_INSTANCE_TYPES),
                invocation.intValue("max-runtime", CallerPolicy.DEFAULT_MAX_RUNTIME_SECONDS, 1,
                        (int) TrainingJobSpec.MAX_RUNTIME_LIMIT_SECONDS), security);
        Console console = invocation.console();
        try (AwsClients aws = clients.apply(invocation.global(), console)) {
            Target target = Target.resolve(aws, invocation, true, account);
            target.notes().forEach(note -> console.warn("note: " + note));
            if (target.offline()) {
                console.warn("note: or pass --account ACCOUNT_ID to show the documents for your account");
            }
            ResourceNames names = target.names();
            usageIfInvalid(() -> {
                security.checkRegion(names.region());
                return security;
            });
            JsonObject result = new JsonObject();
            for (Document document : documents) {
                IamPolicy policy = switch (document) {
                    case TRUST -> ExecutionRolePolicies.trust(names);
                    case ROLE -> ExecutionRolePolicies.permissions(names, security);
                    case SERVING_TRUST -> ServingRolePolicies.trust(names);
                    case SERVING_ROLE -> ServingRolePolicies.permissions(names,
                            security.outputKey().map(Object::toString));
                    case BOUNDARY -> ExecutionRolePolicies.boundary(names, security);
                    case CALLER -> CallerPolicy.document(names, callerOptions);
                    case CALLER_RESOURCES -> CallerPolicy.resources(names, callerOptions);
                    case CALLER_SERVING -> ServingCallerStatements.document(names);
                    case PROVISIONER -> ProvisionerPolicy.document(names,
                            invocation.value("permissions-boundary").orElse(names.boundaryPolicyArn()));
                    case ROLECHECK -> RoleCheckPolicy.document(names, target.identity().roleArn());
                    case ACCOUNT -> AccountCheckPolicy.document(names);
                };
                if (format.equals("json")) {
                    if (!console.json()) {
                        console.out().println(PolicyJson.pretty(policy));
                    }
                } else {
                    printExplained(console, document, names, policy);
                }
                result.add(document.name().toLowerCase(Locale.ROOT), JsonParser.parseString(policy.toJson()));
            }
            console.result(documents.size() == 1 ? only(result) : result);
            return ExitCode.OK;
        }
    }

    private static final String NAMES = "trust, role, serving-trust, serving-role, boundary, caller,"
            + " caller-resources, caller-serving, provisioner, rolecheck, account";

    static List<Document> documents(List<String> arguments) {
        if (arguments.isEmpty()) {
            return List.of(Document.values());
        }
        if (arguments.size() > 1) {
            throw TrainctlException.usage("expected one of " + NAMES + "; got " + String.join(" ", arguments));
        }
        try {
            return List.of(Document.valueOf(arguments.get(0).toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            throw TrainctlException.usage("expected one of " + NAMES + ", got '" + arguments.get(0) + "'");
        }
    }

    private static void printExplained(Console console, Document document, ResourceNames names, IamPolicy policy) {
        String subject = switch (document) {
            case TRUST, ROLE -> "role " + names.roleName();
            case SERVING_TRUST, SERVING_ROLE -> "role " + names.servingRoleName();
            case BOUNDARY -> "roles " + names.roleName() + " and " + names.servingRoleName();
            case CALLER, CALLER_RESOURCES, CALLER_SERVING -> "your user or CI role";
            case PROVISIONER -> "the admin or pipeline that provisions";
            case ROLECHECK -> "whoever runs 'role check'";
            case ACCOUNT -> "whoever runs 'account check' (read-only)";
        };
        console.say("# " + subject + ": " + document.title().replace("NAME", names.name()));
        for (IamStatement statement : policy.statements()) {
            String explanation = PolicyExplanations.forStatement(statement).map(line -> line.replace("NAME", names.name()))
                    .orElse("");
            console.say("#   " + statement.sid() + ": " + explanation);
        }
        console.say(PolicyJson.pretty(policy));
        console.say("");
    }

    private static JsonElement only(JsonObject result) {
        return result.entrySet().iterator().next().getValue();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
