package dev.trainctl.orchestrator.aws;

import com.google.gson.JsonArray;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.TerminalText;
import java.util.List;

/** Shows a plan's changes to people ({@code +} create, {@code ~} update, {@code -} delete) and, for dry runs, the requests. */
public final class ChangePrinter {

    private ChangePrinter() {}

    public static void print(Console console, List<Change> changes, boolean withRequests) {
        for (Change change : changes) {
            // Names, tags and documents in a change may come from AWS: each is one line, escaped.
            console.say("  " + symbol(change.kind()) + " " + TerminalText.escape(change.resource()) + ": "
                    + TerminalText.escape(change.summary()));
            change.diff().forEach(line -> console.say("      " + TerminalText.escape(line)));
            if (withRequests) {
                for (String line : AwsRequestJson.print(change.request(), AwsRequestJson.Form.READABLE).split("\n")) {
                    console.say("      " + line);
                }
            }
        }
    }

    /** The changes as a JSON array, each with its full request. */
    public static JsonArray toJson(List<Change> changes) {
        JsonArray array = new JsonArray();
        changes.forEach(change -> array.add(change.toJson()));
        return array;
    }

    public static String symbol(Change.Kind kind) {
        return switch (kind) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case DELETE -> "-";
        };
    }
}
