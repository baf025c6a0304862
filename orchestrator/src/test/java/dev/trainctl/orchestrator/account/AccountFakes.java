package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeServiceQuotas;
import dev.trainctl.orchestrator.fakes.FakeSts;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/** The accounts the account check tests and the docs' examples run on. */
final class AccountFakes {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SSO_CALLER = "arn:aws:sts::" + FakeSts.ACCOUNT
            + ":assumed-role/AWSReservedSSO_MLEngineer_0123456789abcdef/alice@example.com";
    static final String USER_CALLER = "arn:aws:iam::" + FakeSts.ACCOUNT + ":user/alice";

    private AccountFakes() {}

    /**
     * A well-kept account: an Identity Center session, root without keys and with MFA, an organization trail
     * logging in every region, a monthly cost budget, the training quota raised to 4, live prices readable.
     */
    static Cli healthy() {
        Cli cli = new Cli();
        cli.sts = new FakeSts(SSO_CALLER);
        cli.cloudTrail.trail("org-audit", "us-east-1", true, true, true);
        cli.budgets.budgets.put("monthly-cost", Budget.builder().budgetName("monthly-cost").budgetType(BudgetType.COST)
                .timeUnit(TimeUnit.MONTHLY).budgetLimit(Spend.builder().amount(new BigDecimal("50.0")).unit("USD")
                        .build()).build());
        cli.serviceQuotas.withDefaults(0);
        cli.serviceQuotas.applied.add(FakeServiceQuotas.quota("ml.t3.medium for training job usage", "L-TEST0002", 4));
        cli.pricing.product("eu-west-1", "ml.t3.medium", "Training", "EU-Train:ml.t3.medium", "0.0560000000");
        return cli;
    }

    /**
     * A new account used the quick way: IAM user alice with a 400-day-old access key and no MFA, root with access
     * keys and no MFA, no trail, no budget or billing alarm, the default training quota of 0, and a caller who may
     * not read prices.
     */
    static Cli unhealthy() {
        Cli cli = new Cli();
        cli.sts = new FakeSts(USER_CALLER);
        cli.iam.rootAccessKeys = 1;
        cli.iam.rootMfa = 0;
        cli.iam.accessKeys.put("alice", java.util.List.of(AccessKeyMetadata.builder().userName("alice")
                .accessKeyId("AKIAIOSFODNN7EXAMPLE").status(StatusType.ACTIVE)
                .createDate(NOW.minus(java.time.Duration.ofDays(400))).build()));
        cli.serviceQuotas.withDefaults(0);
        cli.pricing.answers.deny("GetProducts", "pricing:GetProducts");
        return cli;
    }
}
