package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamResource;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Check 2: a static lint of a role's permission documents (inline, attached managed, permissions boundary). It
 * flags what makes a policy broader than a training job needs: action wildcards, {@code "Resource": "*"} where the
 * action can be scoped, IAM writes (PassRole above all), {@code NotAction}/{@code NotResource} in Allow statements,
 * broad AWS managed policies, and S3 object grants that cannot match any object.
 */
public final class PolicyLint {

    static final String RULE_ACTION_WILDCARD = "lint.action-wildcard";
    static final String RULE_RESOURCE_WILDCARD = "lint.resource-wildcard";
    static final String RULE_IAM_WRITE = "lint.iam-write";
    static final String RULE_NOT_ACTION = "lint.not-action";
    static final String RULE_MANAGED = "lint.managed-policy";
    static final String RULE_S3_OBJECT_ARN = "lint.s3-object-arn";
    static final String RULE_EC2_WITHOUT_VPC = "lint.ec2-without-vpc";

    /** The ec2 writes a job in a VPC needs, and a job without one never makes. */
    static final List<String> NETWORK_INTERFACE_WRITES = List.of("ec2:CreateNetworkInterface",
            "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission");

    /**
     * Actions that IAM only authorizes on {@code "Resource": "*"} (the Service Authorization Reference lists no
     * resource type for them), so a statement cannot scope them further. Everything else can and should be scoped.
     */
    static final Set<String> STAR_ONLY_ACTIONS = Set.of(
            "ecr:getauthorizationtoken",
            "cloudwatch:putmetricdata", "cloudwatch:getmetricdata", "cloudwatch:getmetricstatistics",
            "cloudwatch:listmetrics",
            "logs:describeloggroups", "logs:describedestinations", "logs:describeexporttasks", "logs:describequeries",
            "logs:describequerydefinitions", "logs:describeresourcepolicies",
            "s3:listallmybuckets", "sts:getcalleridentity", "iam:listroles", "kms:listaliases", "kms:listkeys",
            "sagemaker:listtrainingjobs", "sagemaker:listhyperparametertuningjobs",
            // The EC2 List actions a job in a VPC uses (the Service Authorization Reference lists no resource type).
            "ec2:describenetworkinterfaces", "ec2:describevpcs", "ec2:describedhcpoptions", "ec2:describesubnets",
            "ec2:describesecuritygroups");

    /** Broad AWS managed policies, with what an execution role for one training job should use instead. */
    static final Map<String, ManagedAdvice> BROAD_MANAGED = Map.ofEntries(
            Map.entry("AdministratorAccess", new ManagedAdvice(Verdict.FAIL, "grants every action on every resource",
                    "detach it; attach an inline policy with only the job's actions (see 'trainctl policy show role')")),
            Map.entry("PowerUserAccess", new ManagedAdvice(Verdict.FAIL, "grants every action outside IAM and Organizations",
                    "detach it; attach an inline policy with only the job's actions (see 'trainctl policy show role')")),
            Map.entry("IAMFullAccess", new ManagedAdvice(Verdict.FAIL, "lets the job rewrite IAM, including its own role",
                    "detach it; a training job needs no IAM permission")),
            Map.entry("AmazonSageMakerFullAccess", new ManagedAdvice(Verdict.FAIL,
                    "is meant for people using SageMaker: sagemaker:*, iam:PassRole, S3 on every *sagemaker* bucket",
                    "detach it; attach an inline policy scoped to the bucket prefix, the repository, the training log "
                            + "group and PutMetricData (see 'trainctl policy show role')")),
            Map.entry("AmazonS3FullAccess", new ManagedAdvice(Verdict.FAIL, "grants s3:* on every bucket",
                    "detach it; allow s3:GetObject on BUCKET/PREFIX/data/*, s3:PutObject on BUCKET/PREFIX/output/* "
                            + "and BUCKET/PREFIX/checkpoints/*, s3:ListBucket on BUCKET with an s3:prefix condition")),
            Map.entry("AmazonS3ReadOnlyAccess", new ManagedAdvice(Verdict.FAIL, "reads every object in every bucket",
                    "detach it; allow s3:GetObject on BUCKET/PREFIX/data/* only")),
            Map.entry("AmazonEC2ContainerRegistryFullAccess", new ManagedAdvice(Verdict.FAIL,
                    "grants ecr:* on every repository (push, delete, policies)",
                    "detach it; allow ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:BatchCheckLayerAvailability "
                            + "on the one repository, and ecr:GetAuthorizationToken on *")),
            Map.entry("AmazonEC2ContainerRegistryPowerUser", new ManagedAdvice(Verdict.FAIL,
                    "can push images to every repository",
                    "detach it; allow the three ECR pull actions on the one repository, and ecr:GetAuthorizationToken")),
            Map.entry("AmazonEC2ContainerRegistryReadOnly", new ManagedAdvice(Verdict.WARN,
                    "pulls from every repository in the account",
                    "replace it with the three ECR pull actions on the one repository, and ecr:GetAuthorizationToken")),
            Map.entry("CloudWatchFullAccess", new ManagedAdvice(Verdict.FAIL, "grants cloudwatch:*, logs:* and more",
                    "detach it; allow logs:CreateLogStream, logs:PutLogEvents on the /aws/sagemaker/TrainingJobs log "
                            + "group and cloudwatch:PutMetricData with a cloudwatch:namespace condition")),
            Map.entry("CloudWatchLogsFullAccess", new ManagedAdvice(Verdict.FAIL, "grants logs:* on every log group",
                    "detach it; allow logs:CreateLogStream, logs:PutLogEvents on the /aws/sagemaker/TrainingJobs log group")),
            Map.entry("AmazonSageMakerReadOnly", new ManagedAdvice(Verdict.WARN,
                    "lets the job read every SageMaker resource in the account",
                    "detach it; a training job does not call SageMaker itself")));

    /** IAM actions that change something; a pattern that matches any of them counts as an IAM write. */
    private static final List<String> IAM_WRITES = List.of("iam:PassRole", "iam:CreateRole", "iam:PutRolePolicy",
            "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:CreateUser",
            "iam:CreateAccessKey", "iam:CreatePolicyVersion", "iam:CreateServiceLinkedRole", "iam:AddUserToGroup",
            "iam:PutRolePermissionsBoundary", "iam:TagRole", "iam:UpdateLoginProfile");

    /** Verbs after which a partial wildcard such as {@code s3:Put*} reaches writes, not only reads. */
    private static final List<String> READ_VERBS = List.of("get", "list", "describe", "batchget", "head", "view");

    /** A broad managed policy's verdict, why it is broad, and the narrower alternative. */
    record ManagedAdvice(Verdict verdict, String why, String alternative) {}

    private PolicyLint() {}

    /** The table rows for a role's permission documents, for a job with this VPC and these keys. */
    public static List<CheckResult> check(List<PolicyDocument> documents, Optional<JobScope> scope,
            JobSecurity security) {
        List<CheckResult> rows = new ArrayList<>(check(documents, scope));
        List<Finding> ec2 = security.vpc().isPresent() ? List.of() : ec2WithoutVpc(documents);
        rows.addAll(Checks.rows(ec2, new LinkedHashMap<>(java.util.Map.of(RULE_EC2_WITHOUT_VPC, security.vpc()
                .isPresent() ? "the job runs in a VPC (--subnets): its ec2 grants are checked in the simulation"
                : "no ec2 network-interface grants, and the job uses no VPC"))));
        return rows;
    }

    /** Grants of network-interface writes, for a job that runs in no VPC: nothing it does needs them. */
    static List<Finding> ec2WithoutVpc(List<PolicyDocument> documents) {
        List<Finding> findings = new ArrayList<>();
        for (PolicyDocument document : documents) {
            if (document.kind() == PolicyKind.PERMISSIONS_BOUNDARY) {
                continue;
            }
            List<IamStatement> statements = document.parsed().statements();
            for (int i = 0; i < statements.size(); i++) {
                IamStatement s = statements.get(i);
                if (!IamEffect.ALLOW.equals(s.effect())) {
                    continue;
                }
                List<String> granted = NETWORK_INTERFACE_WRITES.stream().filter(w -> values(s.actions()).stream()
                        .anyMatch(a -> Checks.matches(a, w)) || !s.notActions().isEmpty() && values(s.notActions())
                        .stream().noneMatch(a -> Checks.matches(a, w))).toList();
                if (!granted.isEmpty()) {
                    findings.add(new Finding(RULE_EC2_WITHOUT_VPC, Verdict.WARN, document.name(),
                            PolicyDocument.statementLabel(statements, i), "allows " + Checks.list(granted, 4)
                                    + " though the job runs in no VPC: whoever holds the role may create network"
                                    + " interfaces nothing uses",
                            "remove the ec2 statement; if the jobs run in a VPC, check them with --subnets and"
                                    + " --security-group-ids"));
                }
            }
        }
        return findings;
    }

    /** The table rows for a role's permission documents. */
    public static List<CheckResult> check(List<PolicyDocument> documents, Optional<JobScope> scope) {
        LinkedHashMap<String, String> passes = new LinkedHashMap<>();
        passes.put(RULE_ACTION_WILDCARD, "every allowed action is named, no wildcards");
        passes.put(RULE_RESOURCE_WILDCARD, "\"Resource\": \"*\" only on actions that support nothing narrower");
        passes.put(RULE_IAM_WRITE, "no IAM write, no iam:PassRole");
        passes.put(RULE_NOT_ACTION, "no NotAction or NotResource in Allow statements");
        passes.put(RULE_MANAGED, "no broad AWS managed policy attached");
        passes.put(RULE_S3_OBJECT_ARN, "S3 object actions name object ARNs");
        return Checks.rows(findings(documents, scope), passes);
    }

    /** What is broader than it should be, document by document, statement by statement. */
    public static List<Finding> findings(List<PolicyDocument> documents, Optional<JobScope> scope) {
        List<Finding> findings = new ArrayList<>();
        for (PolicyDocument document : documents) {
            if (document.kind() == PolicyKind.AWS_MANAGED) {
                ManagedAdvice advice = BROAD_MANAGED.get(document.name());
                if (advice != null) {
                    findings.add(new Finding(RULE_MANAGED, advice.verdict(), document.name(), "(attached)",
                            "AWS managed policy " + document.name() + " " + advice.why(), advice.alternative()));
                }
            }
            IamPolicy policy = document.parsed();
            List<IamStatement> statements = policy.statements();
            for (int i = 0; i < statements.size(); i++) {
                IamStatement s = statements.get(i);
                if (!IamEffect.ALLOW.equals(s.effect())) {
                    continue;
                }
                lintStatement(document, PolicyDocument.statementLabel(statements, i), s, scope, findings);
            }
        }
        return findings;
    }

    private static void lintStatement(PolicyDocument document, String where, IamStatement s, Optional<JobScope> scope,
            List<Finding> findings) {
        String policy = document.name();
        // A permissions boundary only caps what the other policies grant, so breadth in it is not a grant;
        // NotAction/NotResource in it are still worth a look, but they grant nothing by themselves.
        boolean boundary = document.kind() == PolicyKind.PERMISSIONS_BOUNDARY;
        if (!s.notActions().isEmpty()) {
            findings.add(new Finding(RULE_NOT_ACTION, boundary ? Verdict.WARN : Verdict.FAIL, policy, where,
                    "Allow with NotAction allows every action except "
                            + Checks.list(values(s.notActions()), 3) + ", including those AWS adds later",
                    "replace NotAction with an Action list of what the job needs"));
        }
        if (!s.notResources().isEmpty()) {
            findings.add(new Finding(RULE_NOT_ACTION, boundary ? Verdict.WARN : Verdict.FAIL, policy, where,
                    "Allow with NotResource allows " + Checks.list(values(s.actions()), 3)
                            + " on every resource except " + Checks.list(values(s.notResources()), 2),
                    "replace NotResource with a Resource list of the ARNs the job uses"));
        }
        if (boundary) {
            return;
        }
        List<String> actions = values(s.actions());
        List<String> broad = actions.stream().filter(PolicyLint::isFullWildcard).toList();
        List<String> writes = actions.stream().filter(a -> !isFullWildcard(a) && Checks.hasWildcard(a)
                && !readOnlyPattern(a) && !starOnly(a)).toList();
        List<String> reads = actions.stream().filter(a -> !isFullWildcard(a) && Checks.hasWildcard(a)
                && readOnlyPattern(a) && !starOnly(a)).toList();
        if (!broad.isEmpty() || !writes.isEmpty()) {
            List<String> named = new ArrayList<>(broad);
            named.addAll(writes);
            findings.add(new Finding(RULE_ACTION_WILDCARD, Verdict.FAIL, policy, where,
                    "Action " + Checks.list(named, 4) + " allows "
                            + (broad.contains("*") ? "every action of every service" : "whole groups of actions, "
                                    + "writes included, and every action AWS adds to them later"),
                    "replace " + Checks.list(named, 4) + " with the exact actions the job needs"));
        }
        if (!reads.isEmpty()) {
            findings.add(new Finding(RULE_ACTION_WILDCARD, Verdict.WARN, policy, where,
                    "Action " + Checks.list(reads, 4) + " is a wildcard (read-only verbs)",
                    "list the exact actions instead of " + Checks.list(reads, 4)));
        }
        List<String> iamWrites = actions.stream().filter(PolicyLint::isIamWrite).toList();
        if (!iamWrites.isEmpty()) {
            boolean passRole = iamWrites.stream().anyMatch(a -> Checks.matches(a, "iam:PassRole"));
            findings.add(new Finding(RULE_IAM_WRITE, Verdict.FAIL, policy, where,
                    "Action " + Checks.list(iamWrites, 4) + (passRole
                            ? " lets the job pass roles to services (privilege escalation)"
                            : " lets the job change IAM"),
                    "remove " + Checks.list(iamWrites, 4) + "; a training job never needs IAM writes"));
        }
        List<String> resources = values(s.resources());
        if (resources.stream().anyMatch(r -> isAllResources(r) && !jobsNetworkInterfaces(s, r))) {
            List<String> scopable = actions.stream().filter(a -> !starOnly(a)).toList();
            if (!scopable.isEmpty()) {
                boolean conditioned = !s.conditions().isEmpty();
                String all = resources.stream().filter(PolicyLint::isAllResources).findFirst().orElse("*");
                findings.add(new Finding(RULE_RESOURCE_WILDCARD, conditioned ? Verdict.WARN : Verdict.FAIL, policy,
                        where, "Resource \"" + all + "\" on " + Checks.list(scopable, 4)
                                + (conditioned ? ", limited only by a condition" : "")
                                + ", which can be scoped to the job's own resources",
                        "remove the actions a training job does not use; scope the rest to the ARNs it uses"
                                + scope.map(j -> " (" + j.objectArn("data", "*") + ", " + j.repositoryArn() + ", "
                                        + j.logGroupArn() + ":*)").orElse("")));
            }
        }
        List<String> objectActions = actions.stream().filter(PolicyLint::isS3ObjectAction).toList();
        if (!objectActions.isEmpty()) {
            boolean onlyObjectActions = objectActions.size() == actions.size();
            for (String resource : resources) {
                Optional<String> problem = objectArnProblem(resource, scope, onlyObjectActions);
                problem.ifPresent(p -> findings.add(new Finding(RULE_S3_OBJECT_ARN, Verdict.FAIL, policy, where,
                        Checks.list(objectActions, 3) + " on " + resource + ": " + p,
                        "use " + fixedObjectArn(resource) + " so the statement covers the objects under it")));
            }
        }
    }

    private static List<String> values(List<? extends software.amazon.awssdk.policybuilder.iam.IamValue> items) {
        return items.stream().map(v -> v.value()).toList();
    }

    private static boolean isFullWildcard(String action) {
        return action.equals("*") || action.endsWith(":*");
    }

    private static boolean readOnlyPattern(String action) {
        String name = action.substring(action.indexOf(':') + 1).toLowerCase(Locale.ROOT);
        return READ_VERBS.stream().anyMatch(v -> name.startsWith(v) && name.indexOf('*') >= v.length());
    }

    static boolean starOnly(String action) {
        return STAR_ONLY_ACTIONS.contains(action.toLowerCase(Locale.ROOT));
    }

    private static boolean isIamWrite(String action) {
        if (action.equals("*")) {
            return true;
        }
        if (!Checks.service(action).equals("iam")) {
            return false;
        }
        return IAM_WRITES.stream().anyMatch(w -> Checks.matches(action, w));
    }

    /**
     * {@code network-interface/*} of one region and account, on the network-interface actions of a statement that is
     * held to subnets (their ARNs beside it, or {@code ec2:Subnet}): the narrowest there is, as a new interface has no
     * ID and EC2 scopes an existing one by its subnet (the Service Authorization Reference), so it is not flagged.
     */
    static boolean jobsNetworkInterfaces(IamStatement s, String resource) {
        boolean oneRegionAndAccount = resource.matches("arn:[a-z-]+:ec2:[a-z0-9-]+:\\d{12}:network-interface/\\*");
        boolean interfaceActions = values(s.actions()).stream().allMatch(a -> NETWORK_INTERFACE_WRITES.stream()
                .anyMatch(w -> w.equalsIgnoreCase(a)));
        boolean heldToSubnets = values(s.resources()).stream().anyMatch(r -> r.matches("arn:[a-z-]+:ec2:[a-z0-9-]+:"
                + "\\d{12}:subnet/subnet-[0-9a-f]+")) || s.conditions().stream()
                .anyMatch(c -> c.key().value().equalsIgnoreCase("ec2:Subnet"));
        return oneRegionAndAccount && interfaceActions && s.notActions().isEmpty() && heldToSubnets;
    }

    /** {@code *}, or an ARN whose resource part is only a type and wildcards ({@code arn:aws:s3:::*}). */
    static boolean isAllResources(String resource) {
        if (resource.equals("*")) {
            return true;
        }
        String[] parts = resource.split(":", 6);
        if (parts.length < 6) {
            return false;
        }
        if (parts[2].equals("s3")) {
            // S3 ARNs carry no resource type: BUCKET or BUCKET/KEY, so only a wildcard bucket means "every bucket".
            return parts[5].matches("\\*+(/.*)?");
        }
        return parts[5].matches("([A-Za-z-]+[/:])?[*/]+");
    }

    private static boolean isS3ObjectAction(String action) {
        if (!Checks.service(action).equals("s3") || Checks.hasWildcard(action)) {
            return false;
        }
        String name = action.substring(3).toLowerCase(Locale.ROOT);
        return name.contains("object") || name.contains("multipartupload");
    }

    /** Why an S3 ARN in an object statement can match no object the job uses, if it cannot. */
    private static Optional<String> objectArnProblem(String resource, Optional<JobScope> scope,
            boolean onlyObjectActions) {
        if (!resource.matches("arn:[a-z-]+:s3:::.*") || isAllResources(resource) || Checks.hasWildcard(resource)) {
            return Optional.empty();
        }
        String path = resource.substring(resource.indexOf(":::") + 3);
        int slash = path.indexOf('/');
        if (slash < 0) {
            // A bucket ARN beside bucket actions (s3:ListBucket) is right; beside object actions only, it is the
            // classic missing "/*".
            return onlyObjectActions ? Optional.of("a bucket ARN matches no object") : Optional.empty();
        }
        String key = path.substring(slash + 1);
        if (key.isEmpty() || key.endsWith("/")) {
            return Optional.of("matches only the key '" + key + "', not the objects below it");
        }
        if (scope.isPresent() && path.substring(0, slash).equals(scope.get().bucket())) {
            for (String folder : List.of("data", "output", "checkpoints")) {
                String prefix = scope.get().keyPrefix(folder);
                if (key.equals(prefix.substring(0, prefix.length() - 1))) {
                    return Optional.of("names the " + folder + " prefix itself, not the objects below it");
                }
            }
        }
        return Optional.empty();
    }

    private static String fixedObjectArn(String resource) {
        return resource.endsWith("/") ? resource + "*" : resource + "/*";
    }
}
