package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Check 1: who may assume the role. SageMaker must be able to; its statement should be limited to this account's
 * jobs with {@code aws:SourceAccount}/{@code aws:SourceArn} (the confused-deputy guard AWS recommends); nobody else
 * should be trusted, and never everyone or another account.
 */
public final class TrustCheck {

    public static final String SAGEMAKER = ResourceNames.SAGEMAKER_SERVICE;
    static final String RULE_SAGEMAKER = "trust.sagemaker";
    static final String RULE_DEPUTY = "trust.confused-deputy";
    static final String RULE_PRINCIPALS = "trust.principals";

    private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:(\\d{12}|\\*)?:.*");

    private TrustCheck() {}

    /** The table rows for the trust policy of a role in {@code account}, from the document's statements alone. */
    public static List<CheckResult> check(PolicyDocument trust, String account) {
        return Checks.rows(findings(trust, account), passes(account));
    }

    /**
     * The rows, and whether SageMaker may assume the role for what is checked, as it would ask STS: for the training
     * job {@code jobName}, or ({@code serving}) for a model, by inference's source. Where the trust lets SageMaker in
     * but not for that source, the job (or CreateModel) fails with "Could not assume role".
     */
    static List<CheckResult> check(PolicyDocument trust, RoleArn role, JobScope scope, String jobName,
            boolean serving) {
        List<Finding> findings = new ArrayList<>(findings(trust, role.account()));
        if (findings.stream().noneMatch(f -> f.rule().equals(RULE_SAGEMAKER))) {
            String source = serving ? SageMakerAssume.inferenceSource(scope) : scope.trainingJobArn(jobName);
            String what = (serving ? "a model" : "training job " + jobName) + " (aws:SourceArn " + source + ")";
            try {
                Decision decision = SageMakerAssume.decide(trust, role.toString(), scope.account(), source);
                if (!decision.allowed() && !decision.missingContextKeys().isEmpty()) {
                    findings.add(0, new Finding(RULE_SAGEMAKER, Verdict.WARN, trust.name(), "(evaluated)",
                            "whether SageMaker may assume the role for " + what + " was not decided: the trust's"
                            + " conditions use " + String.join(", ", decision.missingContextKeys()) + ", which role"
                            + " check does not supply", "check the trust policy by hand"));
                } else if (!decision.allowed()) {
                    findings.add(0, new Finding(RULE_SAGEMAKER, Verdict.FAIL, trust.name(), "(evaluated)",
                            SAGEMAKER + " may not assume the role for " + what + ", so " + (serving ? "CreateModel"
                            : "CreateTrainingJob") + " fails with \"Could not assume role\" (trainctl's evaluator: "
                            + decision.reason() + ")", serving ? "admit this account's inference in the trust"
                            + " ('trainctl policy show serving-trust' prints such a trust)" : "admit this name's"
                            + " training jobs in the trust's aws:SourceArn condition ('trainctl policy show trust'"
                            + " prints such a trust); a serving role refuses every job on purpose: train with the"
                            + " execution role"));
                }
            } catch (UnsupportedPolicyException | IllegalArgumentException e) {
                findings.add(0, new Finding(RULE_SAGEMAKER, Verdict.WARN, trust.name(), "(evaluated)",
                        "whether SageMaker may assume the role for " + what + " was not evaluated: "
                        + e.getMessage(), "check the trust policy by hand"));
            }
        }
        return Checks.rows(findings, passes(role.account()));
    }

    private static LinkedHashMap<String, String> passes(String account) {
        LinkedHashMap<String, String> passes = new LinkedHashMap<>();
        passes.put(RULE_SAGEMAKER, SAGEMAKER + " may assume the role");
        passes.put(RULE_DEPUTY, "SageMaker may assume it only for account " + account
                + " (aws:SourceAccount/aws:SourceArn)");
        passes.put(RULE_PRINCIPALS, "no other principal may assume the role");
        return passes;
    }

    /** What is wrong with the trust policy, empty when nothing is. */
    public static List<Finding> findings(PolicyDocument trust, String account) {
        IamPolicy policy = trust.parsed();
        List<IamStatement> statements = policy.statements();
        List<Finding> findings = new ArrayList<>();
        boolean sagemakerTrusted = false;
        for (int i = 0; i < statements.size(); i++) {
            IamStatement s = statements.get(i);
            if (!IamEffect.ALLOW.equals(s.effect()) || !allowsAssume(s)) {
                continue;
            }
            String where = PolicyDocument.statementLabel(statements, i);
            if (!s.notPrincipals().isEmpty()) {
                findings.add(new Finding(RULE_PRINCIPALS, Verdict.FAIL, trust.name(), where,
                        "Allow with NotPrincipal lets every principal not listed assume the role",
                        "replace NotPrincipal with \"Principal\": {\"Service\": \"" + SAGEMAKER + "\"}"));
            }
            for (IamPrincipal p : s.principals()) {
                String id = p.id();
                IamPrincipalType type = p.type();
                if ("*".equals(id)) {
                    findings.add(new Finding(RULE_PRINCIPALS, Verdict.FAIL, trust.name(), where,
                            "Principal " + ("*".equals(type.value()) ? "\"*\"" : type.value() + " \"*\"")
                                    + " lets anyone, in any account, assume the role",
                            "replace the principal with \"Service\": \"" + SAGEMAKER + "\""));
                } else if (IamPrincipalType.SERVICE.equals(type) && SAGEMAKER.equalsIgnoreCase(id)) {
                    sagemakerTrusted = true;
                    findings.addAll(deputy(trust.name(), where, s.conditions(), account));
                } else if (IamPrincipalType.SERVICE.equals(type)) {
                    findings.add(new Finding(RULE_PRINCIPALS, Verdict.WARN, trust.name(), where,
                            "service " + id + " may also assume the execution role",
                            "remove " + id + " from the Principal unless that service must act as this role"));
                } else if (IamPrincipalType.AWS.equals(type)) {
                    String other = accountOf(id);
                    if (account.equals(other)) {
                        findings.add(new Finding(RULE_PRINCIPALS, Verdict.WARN, trust.name(), where,
                                "principal " + id + " in this account may assume the role and use its permissions",
                                "remove the AWS principal " + id + "; only SageMaker needs to assume an execution role"));
                    } else {
                        findings.add(new Finding(RULE_PRINCIPALS, Verdict.FAIL, trust.name(), where,
                                "principal " + id + " outside account " + account + " may assume the role",
                                "remove the AWS principal " + id));
                    }
                } else {
                    findings.add(new Finding(RULE_PRINCIPALS, Verdict.FAIL, trust.name(), where,
                            type.value() + " principal " + id + " (outside IAM) may assume the role",
                            "remove the " + type.value() + " principal " + id));
                }
            }
        }
        if (!sagemakerTrusted) {
            findings.add(0, new Finding(RULE_SAGEMAKER, Verdict.FAIL, trust.name(), "(none)",
                    "no Allow statement lets " + SAGEMAKER + " call sts:AssumeRole, so training jobs cannot use the role",
                    "add {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"" + SAGEMAKER + "\"}, "
                            + "\"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": "
                            + "{\"aws:SourceAccount\": \"" + account + "\"}}}"));
        }
        return findings;
    }

    private static boolean allowsAssume(IamStatement s) {
        if (!s.notActions().isEmpty()) {
            return s.notActions().stream().noneMatch(a -> Checks.matches(a.value(), "sts:AssumeRole"));
        }
        return s.actions().stream().map(IamAction::value).anyMatch(a -> Checks.matches(a, "sts:AssumeRole"));
    }

    /** The confused-deputy guard on the statement that trusts SageMaker. */
    private static List<Finding> deputy(String policy, String where, List<IamCondition> conditions, String account) {
        List<Finding> findings = new ArrayList<>();
        List<IamCondition> guards = conditions.stream()
                .filter(c -> {
                    String key = c.key().value().toLowerCase(Locale.ROOT);
                    return key.equals("aws:sourceaccount") || key.equals("aws:sourcearn");
                }).toList();
        String fix = "add \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"" + account + "\"}, "
                + "\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:sagemaker:*:" + account + ":training-job/*\"}}";
        if (guards.isEmpty()) {
            findings.add(new Finding(RULE_DEPUTY, Verdict.WARN, policy, where,
                    "SageMaker may assume the role on behalf of any account (no aws:SourceAccount or aws:SourceArn "
                            + "condition: confused deputy)", fix));
            return findings;
        }
        for (IamCondition guard : guards) {
            String value = guard.value();
            String other = guard.key().value().equalsIgnoreCase("aws:SourceAccount") ? value : accountOf(value);
            if (!account.equals(other)) {
                findings.add(new Finding(RULE_DEPUTY, Verdict.FAIL, policy, where,
                        guard.key().value() + " " + value + " lets SageMaker jobs of "
                                + (other == null || "*".equals(other) ? "any account" : "account " + other)
                                + " assume the role",
                        "set " + guard.key().value() + " to this account (" + account + ") or its training jobs"));
            }
        }
        return findings;
    }

    /** The account of an AWS principal: a bare account ID or the account field of an ARN; null when there is none. */
    static String accountOf(String principal) {
        if (principal == null) {
            return null;
        }
        if (principal.matches("\\d{12}")) {
            return principal;
        }
        Matcher m = ARN_ACCOUNT.matcher(principal);
        return m.matches() ? m.group(1) : null;
    }
}
