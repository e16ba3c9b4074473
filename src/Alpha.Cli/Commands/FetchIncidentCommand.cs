using System.CommandLine;
using System.CommandLine.Parsing;
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
/// <c>alpha analyze</c> reads. Arguments are typed System.CommandLine options: each value is parsed and validated by
/// the option (URLs, owner/name, time expressions, the output path) and the rules that join options (a source, a
/// non-empty window, <c>--json</c> with <c>--out -</c>) by a command validator, so any bad argument is a usage error
/// (exit 2) saying what to pass; vendor failures exit 1 with the vendor's explanation and what to do.
/// </summary>
internal static class FetchIncidentCommand
{
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CliContext cli)
    {
        // Whole seconds: the window is written into the document and shown in progress lines.
        var now = cli.Time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));

        var sentryProject = Text("--sentry-project", "Sentry project slug: its issues and their recent events become log entries.");
        var sentryOrg = Text("--sentry-org", $"Sentry organisation slug (default: ${SentryOptions.OrganizationEnvironmentVariable}).");
        var sentryUrl = HttpUrl("--sentry-url", $"Sentry base URL, for self-hosted Sentry (default: ${SentryOptions.UrlEnvironmentVariable}, else https://sentry.io).");
        var gitHubRepo = Text("--github-repo", "GitHub repository owner/name: its commits (with files and patches) become recent_commits.");
        gitHubRepo.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } repo && !GitHubClient.TryParseRepository(repo, out _, out _))
            {
                r.AddError($"--github-repo '{repo}' is not owner/name (e.g. octocat/hello-world).");
            }
        });
        var gitHubRef = Text("--github-ref", "Branch, tag or sha to list commits from (default: the default branch).");
        var gitHubUrl = HttpUrl("--github-url", $"GitHub REST API root, for GitHub Enterprise Server (default: ${GitHubOptions.UrlEnvironmentVariable}, else https://api.github.com).");
        var since = Time("--since", "Window start (required): ISO-8601, or a duration before now such as 2h, 30m, 1d.", now);
        var until = Time("--until", "Window end: ISO-8601, a duration before now, or now (the default).", now);
        var deploymentId = Text("--deployment-id", "deployment_id to write (default: repo@newest-commit, else project@window-end).");
        var output = Text("--out", "Where to write the incident JSON (required; - for stdout).");
        output.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } path && path != "-" && OutputProblem(path) is { } problem)
            {
                r.AddError(problem);
            }
        });
        var json = new Option<bool>("--json") { Description = "Print a summary {out, logs, commits, warnings} as JSON on stdout." };
        var command = new Command("fetch-incident", "Fetch an incident from Sentry (issues and events as logs) and GitHub (commits with patches) for a time window, and write it for alpha analyze.")
        {
            sentryProject, sentryOrg, sentryUrl, gitHubRepo, gitHubRef, gitHubUrl, since, until, deploymentId, output, json,
        };

        // Rules that join options; each option's own value was checked by its parser or validator.
        command.Validators.Add(r =>
        {
            if (ValueOf(r, sentryProject) is null && ValueOf(r, gitHubRepo) is null)
            {
                r.AddError("name at least one source: --sentry-project SLUG and/or --github-repo OWNER/NAME.");
            }

            if (r.GetResult(since) is null)
            {
                r.AddError($"--since is required: {TimeExpression.Forms}.");
            }
            else if (ValueOf(r, since) is { } start && (r.GetResult(until) is null ? now : ValueOf(r, until)) is { } end && end <= start)
            {
                r.AddError($"the window is empty: --until ({end:u}) must be after --since ({start:u}).");
            }

            if (r.GetResult(output) is null || ValueOf(r, output) is not { } target)
            {
                r.AddError("--out is required: the path of the incident file to write (or - for stdout).");
            }
            else if (target == "-" && ValueOf(r, json))
            {
                r.AddError("--json prints a summary on stdout, where --out - writes the incident; write the incident to a file to use --json.");
            }
        });
        command.SetAction((parse, ct) => RunAsync(
            cli,
            new Arguments(
                parse.GetValue(sentryProject),
                parse.GetValue(sentryOrg),
                parse.GetValue(sentryUrl),
                parse.GetValue(gitHubRepo),
                parse.GetValue(gitHubRef),
                parse.GetValue(gitHubUrl),
                parse.GetValue(since)!.Value,
                parse.GetValue(until) ?? now,
                parse.GetValue(deploymentId),
                parse.GetValue(output)!,
                parse.GetValue(json)),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, Arguments args, CancellationToken cancellationToken)
    {
        var request = new IncidentFetchRequest
        {
            Since = args.Since,
            Until = args.Until,
            SentryProject = args.SentryProject,
            GitHubRepository = args.GitHubRepo,
            GitHubRef = args.GitHubRef,
            DeploymentId = args.DeploymentId,
        };

        using var http = new HttpClient { Timeout = HttpTimeout };
        FetchedIncident incident;
        try
        {
            var sentry = args.SentryProject is null
                ? null
                : new SentryClient(http, SentryOptions.FromEnvironment(cli.Environment, args.SentryOrg, args.SentryUrl), cli.Time);
            var gitHub = args.GitHubRepo is null
                ? null
                : new GitHubClient(http, GitHubOptions.FromEnvironment(cli.Environment, args.GitHubUrl), cli.Time);
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

        var target = args.Out;
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

    /// <summary>
    /// The value of an option that may have failed its own parser: that failure is already reported, and
    /// System.CommandLine throws when a failed value is read, so a joint rule reads it as absent.
    /// </summary>
    private static T? ValueOf<T>(CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>Why <paramref name="path"/> cannot be written as the incident file, or null.</summary>
    private static string? OutputProblem(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"--out '{path}' is a directory; give a file path such as incident.json.";
        }

        return Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder)
            ? $"--out '{path}': the folder {folder} does not exist."
            : null;
    }

    /// <summary>A text option; blank counts as absent, values are trimmed.</summary>
    private static Option<string?> Text(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = r => r.Tokens.Count == 0 || string.IsNullOrWhiteSpace(r.Tokens[^1].Value) ? null : r.Tokens[^1].Value.Trim(),
    };

    /// <summary>An absolute http(s) URL.</summary>
    private static Option<Uri?> HttpUrl(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 0 ? "" : r.Tokens[^1].Value.Trim();
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }

            r.AddError($"{name} '{text}' is not an absolute http(s) URL.");
            return null;
        },
    };

    /// <summary>A time expression (<see cref="TimeExpression.Forms"/>) read against <paramref name="now"/>.</summary>
    private static Option<DateTimeOffset?> Time(string name, string description, DateTimeOffset now) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 0 ? "" : r.Tokens[^1].Value.Trim();
            if (TimeExpression.TryParse(text, now, out var time))
            {
                return time;
            }

            r.AddError(text.Length == 0 ? $"{name} is required: {TimeExpression.Forms}." : $"{name} '{text}' is not {TimeExpression.Forms}.");
            return null;
        },
    };

    private sealed record Arguments(
        string? SentryProject,
        string? SentryOrg,
        Uri? SentryUrl,
        string? GitHubRepo,
        string? GitHubRef,
        Uri? GitHubUrl,
        DateTimeOffset Since,
        DateTimeOffset Until,
        string? DeploymentId,
        string Out,
        bool Json);

    /// <summary>Writes each progress line as it is reported (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class LineProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
