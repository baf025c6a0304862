package dev.trainctl.orchestrator.names;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.regions.Region;

/**
 * Who and where a command works on: the caller, the region and the resource names, resolved the same way by
 * {@code provision}, {@code teardown} and {@code policy show}. Where placeholders are allowed (dry runs, showing
 * policies) a missing region or missing credentials give a documented stand-in and a note that says so.
 *
 * @param identity the caller, or a placeholder
 * @param names the resources for {@code --name} and {@code --bucket}
 * @param notes what was assumed, for people
 */
public record Target(CallerIdentity identity, ResourceNames names, List<String> notes) {

    public Target {
        notes = List.copyOf(notes);
    }

    /** {@code --name} and {@code --bucket}, shared by the commands that work on the managed resources. */
    public static Options addOptions(Options options) {
        return options
                .addOption(Option.builder().longOpt("name").hasArg().argName("NAME")
                        .desc("which trainctl resources: role NAME-execution, repository NAME, jobs NAME-* (default "
                                + ResourceNames.DEFAULT_NAME + ")").get())
                .addOption(Option.builder().longOpt("bucket").hasArg().argName("BUCKET")
                        .desc("bucket name (default trainctl-<account>-<region>)").get());
    }

    /**
     * Resolves the target. With {@code placeholders}, no region means {@value AwsClients#PLACEHOLDER_REGION} and no
     * credentials mean account {@value CallerIdentity#PLACEHOLDER_ACCOUNT}; {@code account} (e.g. from
     * {@code --account}) skips the STS call.
     */
    public static Target resolve(AwsClients aws, Invocation invocation, boolean placeholders, Optional<String> account) {
        List<String> notes = new ArrayList<>();
        Region region = placeholders ? aws.regionOrPlaceholder(notes::add) : aws.region();
        String partition = AwsClients.partitionOf(region);
        CallerIdentity identity;
        if (account.isPresent()) {
            identity = new CallerIdentity(account.get(), "arn:" + partition + ":iam::" + account.get() + ":root",
                    "(given with --account)", false);
        } else if (placeholders) {
            identity = CallerIdentity.lookupIfPossible(aws).orElseGet(() -> {
                notes.add("no AWS credentials: account " + CallerIdentity.PLACEHOLDER_ACCOUNT + " is a placeholder "
                        + "and nothing was read from AWS (configure credentials for real values)");
                return CallerIdentity.placeholder(partition);
            });
        } else {
            identity = CallerIdentity.lookup(aws.sts());
        }
        ResourceNames names = ResourceNames.of(partition, identity.account(), region.id(),
                invocation.value("name", ResourceNames.DEFAULT_NAME));
        Optional<String> bucket = invocation.value("bucket");
        if (bucket.isPresent()) {
            names = names.withBucket(bucket.get());
        }
        return new Target(identity, names, notes);
    }

    /** Whether nothing may be read from AWS (the account is a placeholder). */
    public boolean offline() {
        return identity.placeholder();
    }
}
