package dev.trainctl.orchestrator.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyJsonTest {

    @Test
    void urlEncodedDocumentWithOtherLayoutIsEquivalent() {
        String ours = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":[\"arn:aws:s3:::b/a\",\"arn:aws:s3:::b/c\"]}}";
        String iams = URLEncoder.encode("{\"Statement\":[{\"Resource\":[\"arn:aws:s3:::b/c\",\"arn:aws:s3:::b/a\"],"
                + "\"Action\":[\"s3:GetObject\"],\"Effect\":\"Allow\"}],\"Version\":\"2012-10-17\"}",
                StandardCharsets.UTF_8);

        assertThat(PolicyJson.equivalent(ours, iams)).isTrue();
    }

    @Test
    void anExtraActionIsNotEquivalent() {
        String ours = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"x\"}}";
        String widened = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:*\"],\"Resource\":\"x\"}}";

        assertThat(PolicyJson.equivalent(ours, widened)).isFalse();
    }

    @Test
    void conditionValueOrderDoesNotMatter() {
        String a = "{\"Statement\":{\"Condition\":{\"StringEquals\":{\"k\":[\"1\",\"2\"]}}}}";
        String b = "{\"Statement\":{\"Condition\":{\"StringEquals\":{\"k\":[\"2\",\"1\"]}}}}";

        assertThat(PolicyJson.equivalent(a, b)).isTrue();
    }
}
