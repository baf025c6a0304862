package dev.trainctl.orchestrator.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.fakes.AwsFaults;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeServiceQuotas;
import dev.trainctl.orchestrator.fakes.FakeSts;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusRequest;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

class AccountCheckCommandTest {

    static int run(Cli cli, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "account";
        all[1] = "check";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(new AccountCheckCommand(cli.clients(Region.EU_WEST_1), AccountFakes.CLOCK), all);
    }

    /** The table line of one check: "quota.training  FAIL   ...". */
    static String row(Cli cli, String check) {
        return cli.out.lines().filter(l -> l.startsWith(check + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + check + " in\n" + cli.out));
    }

    /** The line after a row: its fix. */
    static String fix(Cli cli, String check) {
        List<String> lines = cli.out.lines().toList();
        String fix = lines.get(lines.indexOf(row(cli, check)) + 1).trim();
        assertThat(fix).as("fix under " + check).startsWith("fix: ");
        return fix;
    }

    @Test
    void aHealthyAccountPassesEveryRowAndExitsZero() {
        Cli cli = AccountFakes.healthy();

        int code = run(cli);

        assertThat(code).isZero();
        assertThat(cli.out).doesNotContain("WARN").doesNotContain("FAIL").contains("Result: PASS (0 failed, 0 warnings");
    }

    @Test
    void anUnhealthyAccountFailsWithExitElevenAndEveryProblemHasAFix() {
        Cli cli = AccountFakes.unhealthy();

        int code = run(cli);

        assertThat(code).isEqualTo(11);
        assertThat(row(cli, "root.access-keys")).contains("FAIL").contains("AccountAccessKeysPresent=1");
        assertThat(row(cli, "root.mfa")).contains("FAIL").contains("AccountMFAEnabled=0");
        assertThat(row(cli, "quota.training")).contains("FAIL");
        assertThat(row(cli, "audit.cloudtrail")).contains("WARN");
        assertThat(row(cli, "cost.guard")).contains("WARN");
        assertThat(fix(cli, "cost.guard")).contains("trainctl provision --budget 20 --notify");
    }

    @Test
    void theRootUserIsAFailure() {
        Cli cli = AccountFakes.healthy();
        cli.sts = new FakeSts("arn:aws:iam::" + FakeSts.ACCOUNT + ":root");

        assertThat(run(cli)).isEqualTo(11);
        assertThat(row(cli, "identity.caller")).contains("FAIL").contains("root user");
        assertThat(fix(cli, "identity.caller")).contains("IAM Identity Center");
    }

    @Test
    void anIamUserIsWarnedWithItsAccessKeysAge() {
        Cli cli = AccountFakes.unhealthy();

        run(cli);

        assertThat(row(cli, "identity.caller")).contains("WARN").contains("IAM user alice")
                .contains("AKIA...MPLE 400 days old (rotate it)").doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void inactiveKeysAreNotCountedAsLongLivedCredentials() {
        Cli cli = AccountFakes.unhealthy();
        cli.iam.accessKeys.put("alice", List.of(AccessKeyMetadata.builder().userName("alice")
                .accessKeyId("AKIAOLDKEYEXAMPLE123").status(StatusType.INACTIVE).createDate(AccountFakes.NOW).build()));

        run(cli);

        assertThat(row(cli, "identity.caller")).contains("no active access key");
    }

    @Test
    void aUserWithAPathIsLookedUpByItsName() {
        Cli cli = AccountFakes.unhealthy();
        cli.sts = new FakeSts("arn:aws:iam::" + FakeSts.ACCOUNT + ":user/division/alice");
        cli.iam.mfaDevices.put("alice", 1);

        run(cli);

        assertThat(row(cli, "identity.mfa")).contains("PASS").contains("IAM user alice has 1 MFA device(s)");
    }

    @Test
    void anAssumedRoleSessionPassesAndAnSsoSessionNamesItsPermissionSet() {
        Cli role = AccountFakes.healthy();
        role.sts = new FakeSts("arn:aws:sts::" + FakeSts.ACCOUNT + ":assumed-role/ci-trainer/build-42");
        run(role);
        assertThat(row(role, "identity.caller")).contains("PASS").contains("assumed role ci-trainer (session build-42)");

        Cli sso = AccountFakes.healthy();
        run(sso);
        assertThat(row(sso, "identity.caller")).contains("PASS").contains("IAM Identity Center session of "
                + "alice@example.com (permission set MLEngineer)");
    }

    @Test
    void aUserWithoutMfaIsWarned() {
        Cli cli = AccountFakes.unhealthy();

        run(cli);

        assertThat(row(cli, "identity.mfa")).contains("WARN").contains("has no MFA device");
        assertThat(fix(cli, "identity.mfa")).contains("Assign MFA device");
    }

    @Test
    void missingReadPermissionsAreWarningsThatNameTheAction() {
        Cli cli = AccountFakes.unhealthy();
        cli.iam.denied.addAll(List.of("GetAccountSummary", "ListAccessKeys", "ListMfaDevices"));
        cli.cloudTrail.answers.deny("DescribeTrails", "cloudtrail:DescribeTrails");
        cli.budgets.answers.deny("DescribeBudgets", "budgets:ViewBudget");
        cli.billingMetrics.answers.deny("DescribeAlarms", "cloudwatch:DescribeAlarms");
        cli.serviceQuotas.answers.deny("ListServiceQuotas", "servicequotas:ListServiceQuotas");

        int code = run(cli);

        assertThat(code).isZero();
        assertThat(row(cli, "root.access-keys")).contains("WARN").contains("you may not iam:GetAccountSummary");
        assertThat(row(cli, "root.mfa")).contains("WARN").contains("you may not iam:GetAccountSummary");
        assertThat(row(cli, "identity.caller")).contains("WARN").contains("you may not iam:ListAccessKeys");
        assertThat(row(cli, "identity.mfa")).contains("WARN").contains("you may not iam:ListMFADevices");
        assertThat(row(cli, "audit.cloudtrail")).contains("WARN").contains("you may not cloudtrail:DescribeTrails");
        assertThat(row(cli, "cost.guard")).contains("WARN").contains("you may not budgets:ViewBudget")
                .contains("you may not cloudwatch:DescribeAlarms");
        assertThat(row(cli, "quota.training")).contains("WARN").contains("you may not servicequotas:ListServiceQuotas");
        assertThat(fix(cli, "quota.training")).contains("trainctl policy show account");
    }

    @Test
    void aMultiRegionTrailThatLogsPassesAndItsStatusIsAskedByArn() {
        Cli cli = AccountFakes.unhealthy();
        cli.cloudTrail.trail("audit", "us-east-1", true, false, true);

        run(cli);

        assertThat(row(cli, "audit.cloudtrail")).contains("PASS").contains("trail audit (all regions, home us-east-1) "
                + "is logging");
        assertThat(cli.cloudTrail.answers.recorder.of(GetTrailStatusRequest.class)).extracting(r -> r.name())
                .containsExactly("arn:aws:cloudtrail:us-east-1:123456789012:trail/audit");
    }

    @Test
    void aTrailThatIsNotLoggingOrCoversOneRegionIsAWarning() {
        Cli stopped = AccountFakes.unhealthy();
        stopped.cloudTrail.trail("audit", "us-east-1", true, false, false);
        run(stopped);
        assertThat(row(stopped, "audit.cloudtrail")).contains("WARN").contains("is not logging");
        assertThat(fix(stopped, "audit.cloudtrail")).contains("aws cloudtrail start-logging");

        Cli oneRegion = AccountFakes.unhealthy();
        oneRegion.cloudTrail.trail("local", "eu-west-1", false, false, true);
        run(oneRegion);
        assertThat(row(oneRegion, "audit.cloudtrail")).contains("WARN").contains("no trail covers every region");
    }

    @Test
    void noTrailIsAWarningThatSaysHowToCreateOne() {
        Cli cli = AccountFakes.unhealthy();

        run(cli);

        assertThat(row(cli, "audit.cloudtrail")).contains("no CloudTrail trail");
        assertThat(fix(cli, "audit.cloudtrail")).contains("--is-multi-region-trail");
    }

    @Test
    void aTrailWhoseStatusMayNotBeReadIsAWarningNamingGetTrailStatus() {
        Cli cli = AccountFakes.unhealthy();
        cli.cloudTrail.trail("org-audit", "us-east-1", true, true, true);
        cli.cloudTrail.answers.deny("GetTrailStatus", "cloudtrail:GetTrailStatus");

        run(cli);

        assertThat(row(cli, "audit.cloudtrail")).contains("WARN").contains("organization trail")
                .contains("you may not cloudtrail:GetTrailStatus");
    }

    @Test
    void aBillingAlarmIsACostGuardToo() {
        Cli cli = AccountFakes.unhealthy();
        cli.billingMetrics.alarm("billing-over-20", "AWS/Billing", "EstimatedCharges", 20);
        cli.billingMetrics.alarm("cpu-high", "AWS/EC2", "CPUUtilization", 90);

        run(cli);

        assertThat(row(cli, "cost.guard")).contains("PASS").contains("billing alarm billing-over-20");
    }

    @Test
    void aUsageBudgetIsNotACostGuard() {
        Cli cli = AccountFakes.unhealthy();
        cli.budgets.budgets.put("hours", Budget.builder().budgetName("hours").budgetType(BudgetType.USAGE).build());

        run(cli);

        assertThat(row(cli, "cost.guard")).contains("WARN").contains("no cost budget");
    }

    @Test
    void aZeroQuotaFailsWithTheCodeFoundAtRunTimeAndHowToAskForMore() {
        Cli cli = AccountFakes.unhealthy();

        run(cli);

        assertThat(row(cli, "quota.training")).contains("FAIL").contains("'ml.t3.medium for training job usage' "
                + "(sagemaker L-TEST0002) is 0 (AWS default");
        assertThat(fix(cli, "quota.training")).contains("aws service-quotas request-service-quota-increase "
                + "--service-code sagemaker --quota-code L-TEST0002 --desired-value 1 --region eu-west-1")
                .contains("console: Service Quotas");
    }

    @Test
    void theAppliedQuotaWinsOverTheDefaultAndTheInstanceTypeOptionChoosesTheQuota() {
        Cli cli = AccountFakes.unhealthy();
        cli.serviceQuotas.applied.add(FakeServiceQuotas.quota("ml.m5.large for endpoint usage", "L-TEST0001", 4));
        cli.serviceQuotas.applied.add(FakeServiceQuotas.quota("ml.p3.2xlarge for training job usage", "L-TEST0003", 2));

        run(cli, "--instance-type", "ml.p3.2xlarge");

        assertThat(row(cli, "quota.training")).contains("PASS").contains("'ml.p3.2xlarge for training job usage' "
                + "(sagemaker L-TEST0003) is 2 (applied value)");
    }

    @Test
    void aQuotaServiceQuotasDoesNotListIsAWarning() {
        Cli cli = AccountFakes.unhealthy();

        run(cli, "--instance-type", "ml.c5.xlarge");

        assertThat(row(cli, "quota.training")).contains("WARN").contains("lists no quota named 'ml.c5.xlarge for "
                + "training job usage'");
    }

    @Test
    void theLivePriceIsUsedWhereThePriceListMayBeReadAndTheTableOtherwise() {
        Cli live = AccountFakes.healthy();
        run(live);
        assertThat(row(live, "region.price")).contains("PASS").contains("$0.056/h")
                .contains("live on-demand eu-west-1 price from the AWS Price List API");

        Cli table = AccountFakes.unhealthy();
        run(table);
        assertThat(row(table, "region.price")).contains("WARN").contains("$0.050/h is a us-east-1 price, this region "
                + "is eu-west-1").contains("as of 2025-06-01").contains("pricing:GetProducts is not permitted");
    }

    @Test
    void anUnknownInstanceTypeIsAUsageErrorBeforeAnyAwsCall() {
        Cli cli = AccountFakes.healthy();

        int code = run(cli, "--instance-type", "t3.medium");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).contains("--instance-type").contains("'t3.medium' is not a SageMaker training instance");
        assertThat(cli.sts.recorder.all()).isEmpty();
    }

    @Test
    void jsonIsOneDocumentWithSnakeCaseKeys() {
        Cli cli = AccountFakes.unhealthy();

        int code = run(cli, "--output", "json");

        assertThat(code).isEqualTo(11);
        JsonObject json = JsonParser.parseString(cli.out).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("account", "caller_arn", "region", "instance_type", "verdict",
                "counts", "checks");
        assertThat(json.get("verdict").getAsString()).isEqualTo("FAIL");
        JsonObject quota = json.getAsJsonArray("checks").asList().stream().map(e -> e.getAsJsonObject())
                .filter(c -> c.get("check").getAsString().equals("quota.training")).findFirst().orElseThrow();
        assertThat(quota.get("verdict").getAsString()).isEqualTo("FAIL");
        assertThat(quota.get("fix").getAsString()).contains("L-TEST0002");
    }

    @Test
    void theCheckOnlyReads() {
        Cli cli = AccountFakes.unhealthy();

        run(cli);

        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.serviceQuotas.answers.recorder.mutatingOperations()).isEmpty();
        assertThat(cli.cloudTrail.answers.recorder.mutatingOperations()).isEmpty();
    }

    @Test
    void expiredCredentialsEndTheCommandWithExitFive() {
        Cli cli = AccountFakes.healthy();
        cli.cloudTrail.answers.fail("DescribeTrails", AwsFaults.error(400, "ExpiredTokenException",
                "The security token included in the request is expired"));

        assertThat(run(cli)).isEqualTo(5);
        assertThat(cli.err).contains("expired");
    }
}
