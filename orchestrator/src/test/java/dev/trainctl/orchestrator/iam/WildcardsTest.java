package dev.trainctl.orchestrator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * IAM's {@code *} and {@code ?} matching, including the inputs that make a backtracking regular expression take
 * exponential time. The timeouts here only keep a regression from hanging the build; the speed itself is measured
 * by {@code scripts/bench-wildcards.sh}.
 */
class WildcardsTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    @Test
    void twentyFiveStarsAgainstSixtyCharactersAnswerWithoutBacktracking() {
        String value = "a".repeat(60);
        List<Wildcards.Piece> noMatch = Wildcards.pieces("*a".repeat(25) + "b");
        List<Wildcards.Piece> match = Wildcards.pieces("*a".repeat(25) + "*");

        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertThat(Wildcards.matches(noMatch, value, false)).isFalse();
            assertThat(Wildcards.matches(match, value, true)).isTrue();
        });
    }

    @Test
    void aResourceWithManyStarsAgainstALongArnAnswersWithoutBacktracking() {
        String arn = "arn:aws:s3:::" + "a".repeat(47);
        List<Wildcards.Piece> noMatch = Wildcards.pieces("arn:aws:s3:::" + "*a".repeat(25) + "b");
        List<Wildcards.Piece> withinSegment = Wildcards.pieces("arn:aws:s3:::" + "a*".repeat(12) + "?");

        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertThat(Wildcards.matchesResource(noMatch, arn)).isFalse();
            assertThat(Wildcards.matchesResource(withinSegment, arn)).isTrue();
            assertThat(Wildcards.matchesArnComponents(noMatch, arn)).isFalse();
        });
    }

    @Test
    void aPolicyWithTwelveStarsIsEvaluatedAgainstAFortyCharacterArnWithoutHanging() {
        ParsedPolicy crafted = Docs.policy("crafted", "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
                + "\"arn:aws:s3:::" + "*a".repeat(12) + "b\"}");
        Request request = Request.of("s3:GetObject", "arn:aws:s3:::" + "a".repeat(27));

        Decision decision = assertTimeoutPreemptively(HANG_GUARD, () -> PolicyEvaluator.evaluate(PolicySet.of(crafted),
                request));

        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void starAndQuestionMarkKeepTheirMeaning() {
        assertThat(Wildcards.matches(Wildcards.pieces("s3:Get*"), "s3:GetObject", false)).isTrue();
        assertThat(Wildcards.matches(Wildcards.pieces("S3:get*"), "s3:GetObject", true)).isTrue();
        assertThat(Wildcards.matches(Wildcards.pieces("S3:get*"), "s3:GetObject", false)).isFalse();
        assertThat(Wildcards.matches(Wildcards.pieces("a?c"), "abc", false)).isTrue();
        assertThat(Wildcards.matches(Wildcards.pieces("a?c"), "ac", false)).isFalse();
        assertThat(Wildcards.matches(Wildcards.pieces("*"), "", false)).isTrue();
        assertThat(Wildcards.matches(Wildcards.pieces(""), "", false)).isTrue();
        assertThat(Wildcards.matches(Wildcards.pieces(""), "x", false)).isFalse();
        assertThat(Wildcards.matches(List.of(new Wildcards.Literal("a*b")), "a*b", false)).isTrue();
        assertThat(Wildcards.matches(List.of(new Wildcards.Literal("a*b")), "axb", false)).isFalse();
    }

    @Test
    void aResourceStarCrossesColonsOnlyAtTheEndOfASegment() {
        assertThat(Wildcards.matchesResource(Wildcards.pieces("arn:aws:s3:::b/*"), "arn:aws:s3:::b/x:y")).isTrue();
        assertThat(Wildcards.matchesResource(Wildcards.pieces("arn:aws:logs:*:123:log-group:g"),
                "arn:aws:logs:us-east-1:123:log-group:g")).isTrue();
        assertThat(Wildcards.matchesResource(Wildcards.pieces("arn:aws:logs:us*1:123:x"),
                "arn:aws:logs:us:a:1:123:x")).isFalse();
        assertThat(Wildcards.matchesResource(Wildcards.pieces("arn:aws:logs:us-east-?:123:x"),
                "arn:aws:logs:us-east-:123:x")).isFalse();
    }

    /**
     * The matcher against the regular expressions it replaced (the reference semantics), on many short random
     * patterns and values, where a regular expression is quick.
     */
    @Test
    void agreesWithTheRegularExpressionsItReplacedOnRandomShortInputs() {
        Random random = new Random(22);
        String alphabet = "ab:*?A";
        for (int i = 0; i < 20_000; i++) {
            String pattern = randomText(random, alphabet, 8);
            String value = randomText(random, "ab:A", 10);
            List<Wildcards.Piece> pieces = Wildcards.pieces(pattern);
            boolean ignoreCase = random.nextBoolean();

            assertThat(Wildcards.matches(pieces, value, ignoreCase)).as("%s ~ %s (ignore case %s)", pattern, value,
                    ignoreCase).isEqualTo(plainRegex(pieces, ignoreCase).matcher(value).matches());
            assertThat(Wildcards.matchesResource(pieces, value)).as("resource %s ~ %s", pattern, value)
                    .isEqualTo(resourceRegex(pieces).matcher(value).matches());
        }
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static Pattern plainRegex(List<Wildcards.Piece> pieces, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (Wildcards.Piece p : pieces) {
            regex.append(p instanceof Wildcards.Literal l ? Pattern.quote(l.text())
                    : ((Wildcards.Wild) p).symbol() == '*' ? ".*" : ".");
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL
                | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    private static Pattern resourceRegex(List<Wildcards.Piece> pieces) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            Wildcards.Piece p = pieces.get(i);
            if (p instanceof Wildcards.Literal l) {
                regex.append(Pattern.quote(l.text()));
            } else if (((Wildcards.Wild) p).symbol() == '?') {
                regex.append("[^:]");
            } else {
                boolean last = i + 1 == pieces.size() || pieces.get(i + 1) instanceof Wildcards.Literal next
                        && next.text().startsWith(":");
                regex.append(last ? ".*" : "[^:]*");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
