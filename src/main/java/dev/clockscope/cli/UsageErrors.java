package dev.clockscope.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a command line picocli cannot parse prints: one line, the error and then a hint, exit 2, like every
 * other bad input. Picocli's default adds the command's whole usage (over 120 lines for {@code vm simulate}),
 * which buries the one line that matters; the usage stays one {@code --help} away. Picocli's "did you mean"
 * suggestions for a mistyped option are kept, in the hint.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String help = "'" + command.getCommandSpec().qualifiedName() + " --help'";
        List<String> suggestions = e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
        err.println("error: " + oneLine(e.getMessage()) + (suggestions.isEmpty() ? " (options: " + help + ")"
                : " (did you mean " + String.join(" or ", suggestions) + "? See " + help + ")"));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
