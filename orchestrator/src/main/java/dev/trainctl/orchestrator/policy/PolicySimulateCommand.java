package dev.trainctl.orchestrator.policy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.StatementRef;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import dev.trainctl.orchestrator.roles.RoleReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trainctl policy simulate}: evaluates requests against policy documents offline, with the
 * {@link PolicyEvaluator}, and says for each which statement decided. "Why is this denied?" answered without AWS.
 */
public final class PolicySimulateCommand implements Command {

    private final BiFunction<GlobalOptions, Console, AwsClients> clients;

    public PolicySimulateCommand() {
        this(AwsClients::create);
    }

    public PolicySimulateCommand(BiFunction<GlobalOptions, Console, AwsClients> clients) {
        this.clients = clients;
    }

    @Override
    public List<String> path() {
        return List.of("policy", "simulate");
    }

    @Override
    public String summary() {
        return "evaluate requests against policy documents offline: allowed or denied, and by which statement";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.none().repeatable("policy-file", "context")
                .unused("does nothing here: policy simulate evaluates offline and changes nothing in AWS", "dry-run")
                .onlyWhen(given -> given.has("role-arn"), false, "does nothing here: without --role-arn nothing is"
                        + " read from AWS", OptionRules.AWS_GLOBALS.toArray(String[]::new));
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("policy-file").hasArg().argName("FILE")
                        .desc("an identity policy (repeatable)").get())
                .addOption(Option.builder().longOpt("role-arn").hasArg().argName("ARN")
                        .desc("read the role's inline, attached and boundary policies from IAM instead").get())
                .addOption(Option.builder().longOpt("resource-policy-file").hasArg().argName("FILE")
                        .desc("a resource-based policy: bucket policy, trust policy (for sts:AssumeRole*), key policy"
                                + " (for kms:* on a key)").get())
                .addOption(Option.builder().longOpt("boundary-file").hasArg().argName("FILE")
                        .desc("a permissions boundary").get())
                .addOption(Option.builder().longOpt("action").hasArg().argName("ACTION")
                        .desc("the request's action, e.g. s3:GetObject").get())
                .addOption(Option.builder().longOpt("resource").hasArg().argName("ARN")
                        .desc("the request's resource ARN, or *").get())
                .addOption(Option.builder().longOpt("principal").hasArg().argName("ARN")
                        .desc("who makes it: an IAM ARN or a service such as sagemaker.amazonaws.com (default: the"
                                + " --role-arn)").get())
                .addOption(Option.builder().longOpt("context").hasArg().argName("KEY=VALUE[,VALUE...]")
                        .desc("a condition key of the request (repeatable; several values make it multivalued)").get())
                .addOption(Option.builder().longOpt("requests").hasArg().argName("FILE")
                        .desc("many requests, JSON lines: {\"action\", \"resource\", \"principal\"?, \"context\"?}")
                        .get());
    }

    @Override
    public ExitCode run(Invocation invocation) {
        Console console = invocation.console();
        List<String> policyFiles = values(invocation, "policy-file");
        Optional<String> roleArn = invocation.value("role-arn");
        if (roleArn.isPresent() && (!policyFiles.isEmpty() || invocation.has("boundary-file"))) {
            throw TrainctlException.usage("--role-arn reads the role's policies and boundary from IAM: give it, or"
                    + " --policy-file/--boundary-file, not both");
        }
        if (invocation.has("requests") == (invocation.has("action") || invocation.has("resource"))) {
            throw TrainctlException.usage("give one request (--action and --resource) or --requests FILE");
        }
        if (!invocation.has("requests") && (!invocation.has("action") || !invocation.has("resource"))) {
            throw TrainctlException.usage("a request needs both --action and --resource");
        }
        if (invocation.has("requests") && (invocation.has("principal") || invocation.has("context"))) {
            throw TrainctlException.usage("--principal and --context describe the single request; in --requests FILE"
                    + " each line has its own");
        }
        if (!roleArn.isPresent() && policyFiles.isEmpty() && !invocation.has("resource-policy-file")) {
            throw TrainctlException.usage("give the documents: --policy-file FILE, --role-arn ARN or"
                    + " --resource-policy-file FILE");
        }
        RoleArn role = roleArn.map(arn -> TrainctlException.usageIfInvalid(() -> RoleArn.parse(arn))).orElse(null);
        List<SimulationRequests.Located> requests;
        List<ParsedPolicy> identity = new ArrayList<>();
        Optional<ParsedPolicy> boundary;
        Optional<ParsedPolicy> resource;
        try {
            requests = invocation.value("requests")
                    .map(file -> SimulationRequests.fromJsonLines(file, Arrays.asList(read(file, "--requests")
                            .split("\\R", -1))))
                    .orElseGet(() -> List.of(SimulationRequests.fromOptions(invocation.value("action").orElseThrow(),
                            invocation.value("resource").orElseThrow(), invocation.value("principal"),
                            values(invocation, "context"))));
            for (String file : policyFiles) {
                identity.add(parse(file, "--policy-file"));
            }
            boundary = invocation.value("boundary-file").map(file -> parse(file, "--boundary-file"));
            resource = invocation.value("resource-policy-file").map(file -> parse(file, "--resource-policy-file"));
        } catch (IllegalArgumentException | UnsupportedPolicyException e) {
            return refuse(console, e.getMessage());
        }
        if (role != null) {
            try (AwsClients aws = clients.apply(invocation.global(), console)) {
                RoleDocuments documents = new RoleReader(aws.iam()).read(role);
                int count = documents.permissions().size();
                console.warn("read " + count + (count == 1 ? " policy" : " policies")
                        + (documents.boundary().isPresent() ? " and the permissions boundary" : "") + " of " + role
                        + " from IAM");
                try {
                    documents.permissions().forEach(d -> identity.add(ParsedPolicy.parse(d.name(), d.json())));
                    boundary = documents.boundary().map(d -> ParsedPolicy.parse(d.name(), d.json()));
                } catch (UnsupportedPolicyException e) {
                    return refuse(console, e.getMessage());
                }
            }
        }
        List<Decision> decisions = new ArrayList<>();
        List<Request> evaluated = new ArrayList<>();
        for (SimulationRequests.Located located : requests) {
            Request request = located.request();
            if (request.principal().isEmpty() && role != null) {
                request = request.withPrincipal(role.toString());
            }
            try {
                PolicySet set = new PolicySet(identity, resource.map(kind(request)), boundary);
                decisions.add(PolicyEvaluator.evaluate(set, request));
            } catch (IllegalArgumentException | UnsupportedPolicyException e) {
                return refuse(console, (requests.size() > 1 ? located.where() + ": " : "") + e.getMessage());
            }
            evaluated.add(request);
        }
        print(console, evaluated, decisions);
        return ExitCode.OK;
    }

    /**
     * Which kind of resource policy the file is, from the request: a trust policy for sts:AssumeRole*, a key policy
     * for kms:* on a key; AWS evaluates both differently from other resource policies within one account.
     */
    private static java.util.function.Function<ParsedPolicy, ResourcePolicy> kind(Request request) {
        String action = request.action().toLowerCase(Locale.ROOT);
        ResourcePolicy.Kind kind = action.startsWith("sts:assumerole") ? ResourcePolicy.Kind.ROLE_TRUST
                : action.startsWith("kms:") && request.resource().contains(":key/") ? ResourcePolicy.Kind.KMS_KEY
                : ResourcePolicy.Kind.RESOURCE_BASED;
        if (kind == ResourcePolicy.Kind.RESOURCE_BASED && request.resource().matches("arn:[^:]+:s3:::.*")) {
            return ResourcePolicy::bucket;
        }
        return policy -> new ResourcePolicy(policy, kind);
    }

    private static void print(Console console, List<Request> requests, List<Decision> decisions) {
        JsonArray results = new JsonArray();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            Decision d = decisions.get(i);
            String detail = d.outcome() == Decision.Outcome.IMPLICIT_DENY ? d.reason()
                    + (d.missingContextKeys().isEmpty() ? "" : " (the request lacks " + String.join(", ",
                            d.missingContextKeys()) + ")")
                    : "by " + String.join(", ", d.statements().stream().map(StatementRef::toString).toList());
            console.say(String.format("%-17s  %s %s  %s", d.outcome().text(), request.action(), request.resource(),
                    detail));
            results.add(json(request, d));
        }
        JsonObject result = new JsonObject();
        result.add("results", results);
        console.result(result);
    }

    private static JsonObject json(Request request, Decision d) {
        JsonObject o = new JsonObject();
        o.addProperty("action", request.action());
        o.addProperty("resource", request.resource());
        request.principal().ifPresent(p -> o.addProperty("principal", p));
        o.addProperty("decision", d.outcome().json());
        JsonArray statements = new JsonArray();
        for (StatementRef ref : d.statements()) {
            JsonObject s = new JsonObject();
            s.addProperty("policy", ref.policy());
            s.addProperty("statement", ref.statement());
            statements.add(s);
        }
        o.add("statements", statements);
        o.addProperty("reason", d.reason());
        JsonArray missing = new JsonArray();
        d.missingContextKeys().forEach(missing::add);
        o.add("missing_context_keys", missing);
        return o;
    }

    /** Bad input or an unsupported document: one line and exit 2, nothing on stdout. */
    private static ExitCode refuse(Console console, String message) {
        console.warn("trainctl: " + message);
        return ExitCode.USAGE;
    }

    private static ParsedPolicy parse(String file, String option) {
        ParsedPolicy parsed = ParsedPolicy.parse(Path.of(file).getFileName().toString(), read(file, option));
        if (option.equals("--policy-file") || option.equals("--boundary-file")) {
            // A file, not a document IAM accepted: IAM's rules for Sids hold.
            parsed.checkIamSids(option.equals("--policy-file") ? "an identity policy" : "a permissions boundary",
                    true);
        }
        return parsed;
    }

    private static String read(String file, String option) {
        return dev.trainctl.orchestrator.roles.PolicyFiles.read(file, option);
    }

    private static List<String> values(Invocation invocation, String option) {
        String[] values = invocation.commandLine().getOptionValues(option);
        return values == null ? List.of() : List.of(values);
    }
}
