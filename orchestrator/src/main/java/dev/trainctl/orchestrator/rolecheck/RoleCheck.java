package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.roles.IdentityDocuments;
import dev.trainctl.orchestrator.roles.IdentityReader;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import dev.trainctl.orchestrator.roles.RoleReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Runs checks 1 to 4 on a role: trust, static lint, simulation of the job's requests and the probes, and the
 * caller's PassRole/CreateTrainingJob. The IAM and STS clients come from outside, so tests pass recording fakes.
 */
public final class RoleCheck {

    static final String RULE_SIMULATE = "simulate";

    private final IamClient iam;
    private final StsClient sts;

    public RoleCheck(IamClient iam, StsClient sts) {
        this.iam = iam;
        this.sts = sts;
    }

    /** Checks documents given as files, with no AWS at all: simulations on the evaluator, no caller check. */
    public static RoleCheck offline() {
        return new RoleCheck(null, null);
    }

    /** The note that says the simulation matrix comes from the evaluator, not from IAM. */
    static final String EVALUATOR_NOTE = "simulated with " + EvaluatorSimulator.SOURCE;

    /**
     * What to check: the role, the job's resources, the job the caller would start, and the tuning job whose trials
     * would run as the role (none for a name too long to tune).
     */
    public record Request(RoleArn role, JobScope scope, String jobName, String instanceType, int maxRuntimeSeconds,
            Optional<String> tuningJobName, boolean serving, JobSecurity security,
            Map<KmsKeyArn, Optional<PolicyDocument>> keyPolicies, List<PolicyDocument> callerDocuments,
            Map<String, PolicyDocument> roleTrusts) {

        /** @param roleTrusts trust policies of other roles the caller may pass, by role ARN */
        public Request {
            Objects.requireNonNull(security, "security");
            keyPolicies = Map.copyOf(keyPolicies);
            callerDocuments = List.copyOf(callerDocuments);
            roleTrusts = Map.copyOf(roleTrusts);
        }

        public Request(RoleArn role, JobScope scope, String jobName, String instanceType, int maxRuntimeSeconds,
                Optional<String> tuningJobName, boolean serving, JobSecurity security,
                Map<KmsKeyArn, Optional<PolicyDocument>> keyPolicies, List<PolicyDocument> callerDocuments) {
            this(role, scope, jobName, instanceType, maxRuntimeSeconds, tuningJobName, serving, security, keyPolicies,
                    callerDocuments, Map.of());
        }

        /** The same request, with the trusts of other roles the caller may pass ({@code --role-trust-file}). */
        public Request withRoleTrusts(Map<String, PolicyDocument> trusts) {
            return new Request(role, scope, jobName, instanceType, maxRuntimeSeconds, tuningJobName, serving,
                    security, keyPolicies, callerDocuments, trusts);
        }

        /** A training job's check with the job's VPC and keys, their key policies and the caller's documents. */
        public Request(RoleArn role, JobScope scope, String jobName, String instanceType, int maxRuntimeSeconds,
                Optional<String> tuningJobName, JobSecurity security,
                Map<KmsKeyArn, Optional<PolicyDocument>> keyPolicies, List<PolicyDocument> callerDocuments) {
            this(role, scope, jobName, instanceType, maxRuntimeSeconds, tuningJobName, false, security, keyPolicies,
                    callerDocuments);
        }

        public Request(RoleArn role, JobScope scope, String jobName, String instanceType, int maxRuntimeSeconds,
                Optional<String> tuningJobName, boolean serving) {
            this(role, scope, jobName, instanceType, maxRuntimeSeconds, tuningJobName, serving, JobSecurity.none(),
                    Map.of(), List.of());
        }

        public Request(RoleArn role, JobScope scope, String jobName, String instanceType, int maxRuntimeSeconds) {
            this(role, scope, jobName, instanceType, maxRuntimeSeconds, Optional.empty(), false);
        }

        public Request(RoleArn role, JobScope scope, String jobName, String instanceType, int maxRuntimeSeconds,
                Optional<String> tuningJobName) {
            this(role, scope, jobName, instanceType, maxRuntimeSeconds, tuningJobName, false);
        }

        /**
         * The serving case ({@code role check --serving}): the role as the one SageMaker assumes for a model of the
         * name, serving the model of {@code jobName} from an endpoint of that name.
         */
        public Request asServing() {
            return new Request(role, scope, jobName, instanceType, maxRuntimeSeconds, Optional.empty(), true, security,
                    keyPolicies, callerDocuments, roleTrusts);
        }
    }

    public RoleCheckReport run(Request request) {
        RoleDocuments documents = new RoleReader(iam).read(request.role());
        return run(request, documents);
    }

    /** Checks documents already read (the entry point for tests and for documents from a file). */
    public RoleCheckReport run(Request request, RoleDocuments documents) {
        RoleArn role = request.role();
        List<CheckResult> checks = new ArrayList<>(TrustCheck.check(documents.trust(), role, request.scope(),
                request.jobName(), request.serving()));
        request.tuningJobName().ifPresent(tuning -> checks.add(TuningTrust.check(documents.trust(), role,
                request.scope(), tuning)));
        checks.addAll(PolicyLint.check(documents.lintable(), Optional.of(request.scope()), request.security()));
        List<String> notes = new ArrayList<>();

        List<SimulationCase> cases = new ArrayList<>(request.serving()
                ? ServingPlan.required(request.scope(), request.jobName())
                : SimulationPlan.required(request.scope(), request.jobName()));
        cases.addAll(JobSecurityCases.required(request.scope(), request.security()));
        cases.addAll(request.serving() ? ServingPlan.probes(request.scope(), role, request.jobName())
                : SimulationPlan.probes(request.scope(), role));
        cases = SimulationPlan.withDocumentContext(cases, documents.lintable(), request.scope(), role);
        List<SimulationRow> roleMatrix = List.of();
        if (iam == null) {
            roleMatrix = onEvaluator(documents, role, cases, checks, notes, "the role's documents come from files");
        } else {
            try {
                roleMatrix = new PolicySimulator(iam).simulate(role.toString(), cases);
                checks.addAll(SimulationVerdicts.rows(roleMatrix));
            } catch (SimulationUnavailableException e) {
                checks.add(CheckResult.warn(RULE_SIMULATE, "IAM's simulator unavailable (" + e.getMessage() + "):"
                        + " simulated with trainctl's evaluator over the documents read instead", e.fix()));
                roleMatrix = onEvaluator(documents, role, cases, checks, notes, "IAM's simulator was unavailable");
            }
        }
        checks.addAll(KeyPolicyCheck.rows(role, request.scope(), request.security(), documents,
                request.keyPolicies()));
        if (request.serving()) {
            checks.replaceAll(c -> new CheckResult(c.check(), c.verdict(), c.reason().replace("a training job needs",
                    "an endpoint of the name needs"), c.fix()));
        }
        if (!roleMatrix.isEmpty()) {
            Set<String> unsupplied = SimulationPlan.unsuppliedKeys(documents.lintable(), cases);
            if (!unsupplied.isEmpty()) {
                notes.add("condition keys in the role's policies that the simulation did not supply: "
                        + String.join(", ", unsupplied));
            }
        }
        TrainingJobReach reach = new TrainingJobReach(role, documents.trust(), request.roleTrusts(),
                Optional.ofNullable(iam).map(RoleReader::new), request.scope(), request.jobName(),
                request.tuningJobName());
        if (sts == null && !request.callerDocuments().isEmpty()) {
            checks.addAll(CallerEscalationCheck.rows(role, request.callerDocuments(), reach));
        }
        if (sts == null) {
            notes.add("caller not checked: no AWS credentials are used with documents from files"
                    + (request.callerDocuments().isEmpty() ? "" : " (its documents from --caller-policy-file are"
                    + " linted above)"));
            return new RoleCheckReport(role.toString(), null, checks, roleMatrix, List.of(), notes);
        }

        CallerIdentity caller = null;
        List<SimulationRow> callerMatrix = List.of();
        try {
            caller = CallerIdentity.lookup(sts);
        } catch (TrainctlException e) {
            checks.add(CheckResult.warn(CallerCheck.RULE_SIMULATE, "caller not checked: " + e.getMessage(),
                    "check the credentials trainctl runs with ('trainctl whoami')"));
        }
        String callerArn = caller == null ? null : caller.arn();
        if (caller != null) {
            CallerIdentity identity = caller;
            Optional<String> principal = CallerCheck.simulationArn(identity).map(arn -> withPath(identity, arn));
            if (principal.isEmpty()) {
                checks.add(CheckResult.warn(CallerCheck.RULE_SIMULATE, "caller " + callerArn + " is not an IAM user "
                        + "or role, so its permissions cannot be simulated",
                        identity.kind() == CallerIdentity.Kind.ROOT
                                ? "do not use the root user; run trainctl as an IAM user or role"
                                : "run trainctl as an IAM user or role to have this checked"));
            } else {
                if (request.callerDocuments().isEmpty()) {
                    readCallerDocuments(principal.get()).ifPresentOrElse(
                            own -> checks.addAll(CallerEscalationCheck.rows(role, own, reach)),
                            () -> notes.add("the caller's documents could not be read, so its escalation paths are"
                                    + " not linted: give them with --caller-policy-file"));
                } else {
                    checks.addAll(CallerEscalationCheck.rows(role, request.callerDocuments(), reach));
                }
                List<SimulationCase> callerCases = new ArrayList<>(request.serving()
                        ? ServingPlan.caller(role, request.scope(), request.jobName(), request.scope().prefix())
                        : CallerCheck.cases(role, request.scope(), request.jobName(), request.instanceType(),
                                request.maxRuntimeSeconds()));
                request.tuningJobName().ifPresent(tuning -> callerCases.add(CallerCheck.tuningCase(request.scope(),
                        tuning, request.instanceType(), request.maxRuntimeSeconds())));
                List<ContextValue> jobSecurity = JobSecurityCases.callerContext(request.security());
                callerCases.replaceAll(c -> c.action().startsWith("sagemaker:") ? c.withContext(jobSecurity) : c);
                try {
                    callerMatrix = new PolicySimulator(iam).simulate(principal.get(), callerCases);
                    checks.addAll(CallerCheck.rows(callerArn, callerMatrix));
                } catch (SimulationUnavailableException e) {
                    callerMatrix = callerOnEvaluator(principal.get(), callerArn, callerCases, e, checks, notes);
                }
            }
        }
        return new RoleCheckReport(role.toString(), callerArn, checks, roleMatrix, callerMatrix, notes);
    }

    /** Check 3 on the evaluator; a document it cannot evaluate leaves the row a WARN, as before. */
    private static List<SimulationRow> onEvaluator(RoleDocuments documents, RoleArn role, List<SimulationCase> cases,
            List<CheckResult> checks, List<String> notes, String why) {
        try {
            List<SimulationRow> matrix = EvaluatorSimulator.of(documents).simulate(role.toString(), cases);
            checks.addAll(SimulationVerdicts.rows(matrix));
            notes.add(EVALUATOR_NOTE + ": " + why);
            return matrix;
        } catch (UnsupportedPolicyException | IllegalArgumentException e) {
            checks.add(CheckResult.warn(RULE_SIMULATE, "not simulated: " + e.getMessage() + "; the verdicts above"
                    + " rest on the static lint only", "simulate with IAM (run against AWS with"
                    + " iam:SimulatePrincipalPolicy)"));
            return List.of();
        }
    }

    /** The caller's own policies and boundary (a user's with its groups', or a role's), where it may read them. */
    private Optional<List<PolicyDocument>> readCallerDocuments(String principal) {
        try {
            IdentityDocuments documents = new IdentityReader(iam).read(principal);
            List<PolicyDocument> all = new ArrayList<>(documents.permissions());
            documents.boundary().ifPresent(all::add);
            return Optional.of(all);
        } catch (TrainctlException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Check 4 where the endpoint has no simulator: the caller's documents (a user's own and its groups' policies, or
     * its role's) read from IAM and decided by the evaluator, as the role's are. Where IAM refused the simulator, or
     * the documents cannot be read or evaluated, the caller stays unchecked with a WARN saying why.
     */
    private List<SimulationRow> callerOnEvaluator(String principal, String callerArn, List<SimulationCase> cases,
            SimulationUnavailableException unavailable, List<CheckResult> checks, List<String> notes) {
        if (unavailable.denied()) {
            checks.add(CheckResult.warn(CallerCheck.RULE_SIMULATE, "caller not simulated: "
                    + unavailable.getMessage(), unavailable.fix()));
            return List.of();
        }
        try {
            IdentityDocuments documents = new IdentityReader(iam).read(principal);
            List<SimulationRow> matrix = EvaluatorSimulator.of(documents).simulate(principal, cases);
            checks.add(CheckResult.warn(CallerCheck.RULE_SIMULATE, "IAM's simulator unavailable ("
                    + unavailable.getMessage() + "): the caller simulated with trainctl's evaluator over its "
                    + documents.permissions().size() + " policies read from IAM (" + principal + ")",
                    unavailable.fix()));
            checks.addAll(CallerCheck.rows(callerArn, matrix));
            notes.add("caller " + EVALUATOR_NOTE + " over " + principal + "'s own, attached and group policies:"
                    + " IAM's simulator was unavailable");
            return matrix;
        } catch (TrainctlException | UnsupportedPolicyException | IllegalArgumentException e) {
            checks.add(CheckResult.warn(CallerCheck.RULE_SIMULATE, "caller not simulated: " + unavailable.getMessage()
                    + ", and its documents could not be evaluated instead (" + e.getMessage() + ")",
                    unavailable.fix()));
            return List.of();
        }
    }

    /** A session ARN does not carry the role's path; GetRole does. Without it, the pathless ARN is the best guess. */
    private String withPath(CallerIdentity caller, String simulationArn) {
        if (caller.kind() != CallerIdentity.Kind.ASSUMED_ROLE) {
            return simulationArn;
        }
        String roleName = simulationArn.substring(simulationArn.lastIndexOf('/') + 1);
        try {
            return iam.getRole(r -> r.roleName(roleName)).role().arn();
        } catch (SdkException e) {
            return simulationArn;
        }
    }
}
