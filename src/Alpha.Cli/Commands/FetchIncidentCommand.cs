using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Integrations;
using Alpha.Sre.Integrations.GitHub;
using Alpha.Sre.Integrations.Sentry;

namespace Alpha.Cli.Commands;

/// <summary>
/// <c>alpha fetch-incident</c>: read Sentry issues and GitHub commits in a window and write an incident document that
/// <c>alpha analyze</c> reads. Every argument is read as text and checked here, so any bad argument exits 2 with a
/// message saying what to pass; vendor failures exit 1 with the vendor's explanation and what to do.
/// </summary>
internal static class FetchIncidentCommand
{
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CliContext cli)
    {
        var sentryProject = Text("--sentry-project", "Sentry project slug: its issues and their recent events become log entries.");
        var sentryOrg = Text("--sentry-org", $"Sentry organisation slug (default: ${SentryOptions.OrganizationEnvironmentVariable}).");
        var sentryUrl = Text("--sentry-url", $"Sentry base URL, for self-hosted Sentry (default: ${SentryOptions.UrlEnvironmentVariable}, else https://sentry.io).");
        var gitHubRepo = Text("--github-repo", "GitHub repository owner/name: its commits (with files and patches) become recent_commits.");
        var gitHubRef = Text("--github-ref", "Branch, tag or sha to list commits from (default: the default branch).");
        var gitHubUrl = Text("--github-url", $"GitHub REST API root, for GitHub Enterprise Server (default: ${GitHubOptions.UrlEnvironmentVariable}, else https://api.github.com).");
        var since = Text("--since", "Window start (required): ISO-8601, or a duration before now such as 2h, 30m, 1d.");
        var until = Text("--until", "Window end: ISO-8601, a duration before now, or now (the default).");
        var deploymentId = Text("--deployment-id", "deployment_id to write (default: repo@newest-commit, else project@window-end).");
        var output = Text("--out", "Where to write the incident JSON (required; - for stdout).");
        var json = new Option<bool>("--json") { Description = "Print a summary {out, logs, commits, warnings} as JSON on stdout." };
        var command = new Command("fetch-incident", "Fetch an incident from Sentry (issues and events as logs) and GitHub (commits with patches) for a time window, and write it for alpha analyze.")
        {
            sentryProject, sentryOrg, sentryUrl, gitHubRepo, gitHubRef, gitHubUrl, since, until, deploymentId, output, json,
        };

        // Unknown tokens and missing values reach RunAsync, which reports them with exit code 2 like any bad argument.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(
            cli,
            new Arguments(
                Value(parse, sentryProject),
                Value(parse, sentryOrg),
                Value(parse, sentryUrl),
                Value(parse, gitHubRepo),
                Value(parse, gitHubRef),
                Value(parse, gitHubUrl),
                Value(parse, since),
                Value(parse, until),
                Value(parse, deploymentId),
                Value(parse, output),
                parse.GetValue(json),
                [.. parse.UnmatchedTokens]),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, Arguments args, CancellationToken cancellationToken)
    {
        // Whole seconds: the window is written into the document and shown in progress lines.
        var now = cli.Time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        if (Check(args, now, out var request) is { } problem)
        {
            await cli.Error.WriteLineAsync($"error: {problem}");
            await cli.Error.WriteLineAsync("usage: alpha fetch-incident --sentry-project P [--sentry-org O] --github-repo OWNER/NAME --since 2h [--until now] --out incident.json [--json]");
            return ExitCodes.BadInput;
        }

        using var http = new HttpClient { Timeout = HttpTimeout };
        FetchedIncident incident;
        try
        {
            var sentry = args.SentryProject is null
                ? null
                : new SentryClient(http, SentryOptions.FromEnvironment(cli.Environment, args.SentryOrg, Url(args.SentryUrl)), cli.Time);
            var gitHub = args.GitHubRepo is null
                ? null
                : new GitHubClient(http, GitHubOptions.FromEnvironment(cli.Environment, Url(args.GitHubUrl)), cli.Time);
            incident = await new IncidentFetcher(sentry, gitHub).FetchAsync(request, new LineProgress(cli.Error), cancellationToken);
        }
        catch (VendorApiException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.Failure == VendorFailure.NotConfigured ? ExitCodes.BadInput : ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await cli.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }

        var target = args.Out!;
        if (target == "-")
        {
            await cli.Out.WriteLineAsync(incident.ToJson());
        }
        else
        {
            try
            {
                await incident.WriteAsync(target, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await cli.Error.WriteLineAsync($"error: could not write {target}: {ex.Message}");
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await cli.Error.WriteLineAsync("cancelled");
                return ExitCodes.Cancelled;
            }

            target = Path.GetFullPath(target);
            await cli.Error.WriteLineAsync($"wrote {target}: deployment_id {incident.DeploymentId}, {incident.Logs.Count} log entries, {incident.Commits.Count} commits, {incident.Warnings.Count} warnings");
        }

        if (args.Json)
        {
            var summary = new JsonObject
            {
                ["out"] = target,
                ["deployment_id"] = incident.DeploymentId,
                ["logs"] = incident.Logs.Count,
                ["commits"] = incident.Commits.Count,
                ["warnings"] = new JsonArray([.. incident.Warnings.Select(w => (JsonNode?)w)]),
            };
            await cli.Out.WriteLineAsync(JsonSerializer.Serialize(summary, AlphaJson.Indented));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The first problem with the arguments, or null with the request they describe.</summary>
    private static string? Check(Arguments args, DateTimeOffset now, out IncidentFetchRequest request)
    {
        request = null!;
        if (args.Unmatched.Count > 0)
        {
            return $"unrecognised argument{(args.Unmatched.Count == 1 ? "" : "s")} {string.Join(' ', args.Unmatched.Select(t => $"'{t}'"))}; see alpha fetch-incident --help.";
        }

        if (args.SentryProject is null && args.GitHubRepo is null)
        {
            return "name at least one source: --sentry-project SLUG and/or --github-repo OWNER/NAME.";
        }

        if (args.GitHubRepo is not null && !GitHubClient.TryParseRepository(args.GitHubRepo, out _, out _))
        {
            return $"--github-repo '{args.GitHubRepo}' is not owner/name (e.g. octocat/hello-world).";
        }

        foreach (var (name, value) in new[] { ("--sentry-url", args.SentryUrl), ("--github-url", args.GitHubUrl) })
        {
            if (value is not null && Url(value) is null)
            {
                return $"{name} '{value}' is not an absolute http(s) URL.";
            }
        }

        if (args.Since is null)
        {
            return $"--since is required: {TimeExpression.Forms}.";
        }

        if (!TimeExpression.TryParse(args.Since, now, out var since))
        {
            return $"--since '{args.Since}' is not {TimeExpression.Forms}.";
        }

        var until = now;
        if (args.Until is not null && !TimeExpression.TryParse(args.Until, now, out until))
        {
            return $"--until '{args.Until}' is not {TimeExpression.Forms}.";
        }

        if (until <= since)
        {
            return $"the window is empty: --until ({until:u}) must be after --since ({since:u}).";
        }

        if (args.Out is null)
        {
            return "--out is required: the path of the incident file to write (or - for stdout).";
        }

        if (args.Out == "-" && args.Json)
        {
            return "--json prints a summary on stdout, where --out - writes the incident; write the incident to a file to use --json.";
        }

        if (args.Out != "-")
        {
            var full = Path.GetFullPath(args.Out);
            if (Directory.Exists(full))
            {
                return $"--out '{args.Out}' is a directory; give a file path such as incident.json.";
            }

            if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
            {
                return $"--out '{args.Out}': the folder {folder} does not exist.";
            }
        }

        request = new IncidentFetchRequest
        {
            Since = since,
            Until = until,
            SentryProject = args.SentryProject,
            GitHubRepository = args.GitHubRepo,
            GitHubRef = args.GitHubRef,
            DeploymentId = args.DeploymentId,
        };
        return null;
    }

    private static Option<string> Text(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    private static string? Value(ParseResult parse, Option<string> option) =>
        parse.GetValue(option) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? Url(string? value) =>
        value is not null && Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private sealed record Arguments(
        string? SentryProject,
        string? SentryOrg,
        string? SentryUrl,
        string? GitHubRepo,
        string? GitHubRef,
        string? GitHubUrl,
        string? Since,
        string? Until,
        string? DeploymentId,
        string? Out,
        bool Json,
        IReadOnlyList<string> Unmatched);

    /// <summary>Writes each progress line as it is reported (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class LineProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
