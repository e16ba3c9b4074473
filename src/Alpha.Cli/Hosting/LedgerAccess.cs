using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Alpha.Platform.Ledger;

namespace Alpha.Cli.Hosting;

/// <summary>The <c>--db</c> option shared by the commands that use the ledger, and opening the store it names.</summary>
internal static class LedgerAccess
{
    public static Option<string?> CreateOption() => new("--db")
    {
        Description = $"The ledger: a SQLite file, or a PostgreSQL connection string or postgresql:// URI (default: {LedgerLocation.EnvironmentVariable}, else ./{LedgerLocation.DefaultPath}).",
    };

    /// <summary>Opens (and migrates) the ledger; on failure writes the reason and returns the exit code to use.</summary>
    public static async Task<(ILedgerStore? Store, int ExitCode)> OpenAsync(CliContext cli, string? db, CancellationToken cancellationToken)
    {
        LedgerLocation location;
        try
        {
            location = LedgerLocation.Resolve(db, cli.Environment, Directory.GetCurrentDirectory());
        }
        catch (FormatException ex)
        {
            await cli.Error.WriteLineAsync($"error: --db: {ex.Message}");
            return (null, ExitCodes.BadInput);
        }

        try
        {
            return (await location.OpenAsync(cli.Time, cancellationToken), ExitCodes.Ok);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException or ArgumentException)
        {
            await cli.Error.WriteLineAsync($"error: cannot open the ledger at {location}: {ex.Message}");
            return (null, ExitCodes.Failure);
        }
    }

    /// <summary>A duration such as <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c> or <c>00:15:00</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var unit = text[^1];
        if (char.IsAsciiLetter(unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            duration = unit switch
            {
                's' => TimeSpan.FromSeconds(value),
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                'd' => TimeSpan.FromDays(value),
                _ => TimeSpan.Zero,
            };
            return duration > TimeSpan.Zero;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }
}
