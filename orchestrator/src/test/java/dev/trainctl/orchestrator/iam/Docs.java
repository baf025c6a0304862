package dev.trainctl.orchestrator.iam;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small documents and requests for the evaluator's tables. */
final class Docs {

    static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    static final String ROLE = "arn:aws:iam::111122223333:role/trainer";
    static final String SESSION = "arn:aws:sts::111122223333:assumed-role/trainer/job-1";
    static final String OTHER_ACCOUNT_USER = "arn:aws:iam::444455556666:user/bob";
    static final String OBJECT = "arn:aws:s3:::bucket/data/train.gz";

    private Docs() {}

    /** A 2012-10-17 document with these statements (JSON objects, comma-separated). */
    static ParsedPolicy policy(String name, String statements) {
        return ParsedPolicy.parse(name, "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    }

    /** Allow s3:GetObject on everything when the condition block holds. */
    static ParsedPolicy allowWhen(String condition) {
        return policy("p", "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                + "\"Condition\":" + condition + "}");
    }

    /** "k=v1|v2;k2=v" as a context map ("k=[]": k with no values); "" for none. */
    static Map<String, List<String>> context(String spec) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (!spec.isEmpty()) {
            for (String entry : spec.split(";")) {
                String[] kv = entry.split("=", 2);
                context.put(kv[0], kv[1].equals("[]") ? List.of() : Arrays.asList(kv[1].split("\\|")));
            }
        }
        return context;
    }

    static Request get(String resource, String contextSpec) {
        return new Request("s3:GetObject", resource, Optional.empty(), context(contextSpec));
    }

    static Decision.Outcome decide(PolicySet set, Request request) {
        return PolicyEvaluator.evaluate(set, request).outcome();
    }
}
