using System.CommandLine;
using Alpha.Workflows;

namespace Alpha.Cli.Hosting;

/// <summary>The workflow watchdog's <c>--stall-after</c> option and its <c>ALPHA_STALL_AFTER</c> variable.</summary>
internal static class StallOption
{
    public const string EnvironmentVariable = "ALPHA_STALL_AFTER";

    public static Option<string?> Create() => new("--stall-after")
    {
        Description = $"The watchdog: a run or node with no progress (no frame, no streamed token) for this long is stopped and fails as stalled (e.g. 90s, 10m; off disables). Default: {EnvironmentVariable}, else {(int)WorkflowRuntimeOptions.DefaultStallAfter.TotalMinutes}m.",
    };

    /// <summary>The limit from the option, else the variable, else the default; null (with a message written) when unusable.</summary>
    public static async Task<(bool Ok, TimeSpan? StallAfter)> ResolveAsync(CliContext cli, string? option)
    {
        var (text, source) = option is not null ? (option, "--stall-after") : (cli.Environment(EnvironmentVariable), EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, WorkflowRuntimeOptions.DefaultStallAfter);
        }

        if (text.Trim() is "off" or "0")
        {
            return (true, null);
        }

        if (LedgerAccess.TryParseDuration(text.Trim(), out var limit))
        {
            return (true, limit);
        }

        await cli.Error.WriteLineAsync($"error: {source}: '{text}' is not a duration; write e.g. 90s, 10m or off");
        return (false, null);
    }
}
