package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.escalation.EscalationFinding;
import dev.trainctl.orchestrator.escalation.EscalationLint;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyFiles;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trainctl policy lint --policy-file FILE...}: the SageMaker privilege-escalation paths a principal's documents
 * open ({@link EscalationLint}), each with the statements that open it and whether it is bounded. Exits
 * {@link ExitCode#CHECK_FAILED} when a path is open without bound, 0 when every path is bounded or none is open.
 */
public final class PolicyLintCommand implements Command {

    /** The JSON result. */
    record Result(List<String> documents, String verdict, int open, int bounded, List<FoundPath> findings) {}

    /** One path in the JSON result. */
    record FoundPath(String pathId, String path, String verdict, String gives, List<String> openedBy, String bound,
            List<String> roles, String source) {}

    @Override
    public List<String> path() {
        return List.of("policy", "lint");
    }

    @Override
    public String summary() {
        return "find the SageMaker privilege-escalation paths a principal's policies open, and whether they are bounded";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.offline().repeatable("policy-file");
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("policy-file").hasArg().argName("FILE")
                        .desc("an identity policy of the principal (repeatable)").get())
                .addOption(Option.builder().longOpt("boundary-file").hasArg().argName("FILE")
                        .desc("the principal's permissions boundary: a path outside it is closed").get());
    }

    @Override
    public ExitCode run(Invocation invocation) {
        List<PolicyDocument> files = PolicyFiles.permissions(invocation, "policy-file");
        if (files.isEmpty()) {
            throw TrainctlException.usage("give the principal's policies: --policy-file FILE (repeatable)");
        }
        Optional<PolicyDocument> boundary = PolicyFiles.boundary(invocation, "boundary-file");
        List<ParsedPolicy> identity = files.stream().map(PolicyLintCommand::parse).toList();
        List<EscalationFinding> findings = EscalationLint.find(identity, boundary.map(PolicyLintCommand::parse));
        long open = findings.stream().filter(f -> !f.bounded()).count();
        Console console = invocation.console();
        List<String> names = files.stream().map(PolicyDocument::name).toList();
        console.say(String.join(", ", names) + ": " + findings.size() + " SageMaker escalation path"
                + (findings.size() == 1 ? "" : "s") + " (" + open + " open, " + (findings.size() - open)
                + " bounded)");
        for (EscalationFinding f : findings) {
            console.say("");
            console.say((f.bounded() ? "BOUNDED " : "OPEN    ") + f.path().id() + "  " + f.path().title());
            console.say("  gives:     " + f.path().gain());
            console.say("  source:    " + f.path().source());
            console.say("  opened by: " + String.join(", ", f.grants()));
            console.say("  " + f.bound());
        }
        console.say("");
        console.say("Result: " + (open > 0 ? "FAIL (" + open + " open path" + (open == 1 ? "" : "s") + ")"
                : "PASS (no open path" + (findings.isEmpty() ? "" : "; " + findings.size() + " bounded") + ")"));
        console.result(new Result(names, open > 0 ? "fail" : "pass", (int) open, findings.size() - (int) open,
                findings.stream().map(f -> new FoundPath(f.path().id(), f.path().title(), f.verdict(), f.path().gain(),
                        f.grants(), f.bound(), f.roles(), f.path().source())).toList()));
        return open > 0 ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    /** A document the evaluator cannot read is a bad document: exit 2, naming the file. */
    private static ParsedPolicy parse(PolicyDocument document) {
        try {
            return ParsedPolicy.parse(document.name(), document.json());
        } catch (UnsupportedPolicyException | IllegalArgumentException e) {
            throw TrainctlException.usage(document.name() + ": " + e.getMessage());
        }
    }
}
