using System.Globalization;
using Npgsql;

namespace Alpha.Platform.Ledger;

/// <summary>
/// Where the ledger lives: a SQLite file (the embedded default, <c>./.alpha/alpha.db</c>) or a PostgreSQL
/// database. Written as a file path (optionally <c>sqlite:PATH</c>), an Npgsql connection string
/// (<c>Host=...;Database=...</c>) or a <c>postgresql://user:password@host:port/database</c> URI.
/// </summary>
public sealed record LedgerLocation
{
    /// <summary>The environment variable that selects the ledger when no option does.</summary>
    public const string EnvironmentVariable = "ALPHA_DB";

    /// <summary>The default SQLite file, relative to the working directory.</summary>
    public const string DefaultPath = ".alpha/alpha.db";

    private LedgerLocation(string provider, string target)
    {
        Provider = provider;
        Target = target;
    }

    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Provider { get; }

    /// <summary>The full file path (SQLite) or the Npgsql connection string (PostgreSQL).</summary>
    public string Target { get; }

    /// <summary>
    /// The location from <paramref name="value"/> (an option) when given, else from <c>ALPHA_DB</c>, else
    /// <see cref="DefaultPath"/> under <paramref name="baseDirectory"/>.
    /// </summary>
    /// <exception cref="FormatException">The value is neither a path nor a valid PostgreSQL location.</exception>
    public static LedgerLocation Resolve(string? value, Func<string, string?> environment, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var chosen = !string.IsNullOrWhiteSpace(value) ? value : environment(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(chosen)
            ? new LedgerLocation("sqlite", Path.GetFullPath(Path.Combine(baseDirectory, DefaultPath)))
            : Parse(chosen, baseDirectory);
    }

    /// <summary>Parses a location; relative SQLite paths are taken from <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="FormatException">Not a valid location.</exception>
    public static LedgerLocation Parse(string value, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var text = value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new LedgerLocation("postgresql", FromUri(text));
        }

        if (text.Contains('=', StringComparison.Ordinal) && text.Contains("host", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new LedgerLocation("postgresql", new NpgsqlConnectionStringBuilder(text).ConnectionString);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"'{Redact(text)}' is not a valid PostgreSQL connection string: {ex.Message}", ex);
            }
        }

        var path = text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? text["sqlite:".Length..] : text;
        return new LedgerLocation("sqlite", Path.GetFullPath(Path.Combine(baseDirectory, path)));
    }

    /// <summary>Opens (and migrates) the store at this location.</summary>
    public async Task<ILedgerStore> OpenAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        Provider == "postgresql"
            ? await PostgresLedgerStore.OpenAsync(Target, timeProvider, cancellationToken).ConfigureAwait(false)
            : await SqliteLedgerStore.OpenAsync(Target, timeProvider, cancellationToken).ConfigureAwait(false);

    /// <summary>The location for people: the file path, or the connection string without its password.</summary>
    public override string ToString() => Provider == "postgresql" ? Redact(Target) : Target;

    private static string FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{RedactUri(text)}' is not a valid postgresql://user:password@host:port/database URI.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon >= 0 ? uri.UserInfo[..colon] : uri.UserInfo);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair);
            var val = Uri.UnescapeDataString(eq >= 0 ? pair[(eq + 1)..] : string.Empty);
            switch (key.ToUpperInvariant())
            {
                case "SSLMODE":
                    builder.SslMode = Enum.Parse<SslMode>(val.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);
                    break;
                case "SEARCH_PATH":
                    builder.SearchPath = val;
                    break;
                case "APPLICATION_NAME":
                    builder.ApplicationName = val;
                    break;
                default:
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The URI parameter '{key}' is not supported; use sslmode, search_path or application_name, or an Npgsql connection string."));
            }
        }

        return builder.ConnectionString;
    }

    private static string RedactUri(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var colon = scheme >= 0 && at > scheme ? text.IndexOf(':', scheme + 3, at - scheme - 3) : -1;
        return colon > 0 ? text[..(colon + 1)] + "***" + text[at..] : text;
    }

    private static string Redact(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal))
        {
            return RedactUri(text);
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return "(unparsable connection string)";
        }
    }
}
