using System.CommandLine;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Cluster;
using Alpha.Cluster.Hosting;
using Alpha.Cluster.Schedules;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Scheduling;

namespace Alpha.Cli.Commands;

/// <summary>
/// <c>alpha cluster schedules list|add|remove</c>: the cluster's schedules (Orleans reminders, as <c>/cluster/schedules</c>),
/// reached as <c>alpha cluster status</c> reaches the cluster: an Orleans client finding the nodes' gateways in the
/// membership table of the <c>--cluster</c> PostgreSQL.
/// </summary>
internal static class ClusterSchedulesCommand
{
    public static Command Create(CliContext cli) => new("schedules", "The cluster's schedules: each fire dispatches its workflow once across the cluster (docs/scale-out.md).")
    {
        List(cli),
        Add(cli),
        Remove(cli),
    };

    /// <summary>
    /// Resolves <c>--cluster</c> (exit 2 when missing or not PostgreSQL), opens the ledger, lets <paramref name="check"/>
    /// refuse bad input before any connection (its exit code), then connects as a client (exit 1 when no node answers) and acts.
    /// </summary>
    internal static async Task<int> WithClusterAsync(
        CliContext cli,
        string? clusterValue,
        Func<ILedgerStore, Task<int>> check,
        Func<ClusterGateway, ILedgerStore, Task<int>> act,
        CancellationToken cancellationToken)
    {
        AlphaClusterOptions? options;
        try
        {
            options = ClusterAccess.Resolve(cli, clusterValue);
        }
        catch (FormatException ex)
        {
            await cli.Error.WriteLineAsync($"error: --cluster: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (options is null)
        {
            await cli.Error.WriteLineAsync($"error: no cluster: give --cluster POSTGRES or set {ClusterAccess.EnvironmentVariable} (without one, alpha runs as one process)");
            return ExitCodes.BadInput;
        }

        var (store, code) = await LedgerAccess.OpenAsync(cli, options.ConnectionString, cancellationToken);
        if (store is null)
        {
            return code;
        }

        await using (store)
        {
            if (await check(store) is var checkedCode and not ExitCodes.Ok)
            {
                return checkedCode;
            }

            ClusterClientConnection connection;
            try
            {
                connection = await ClusterClientConnection.ConnectAsync(options, store, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
            {
                await cli.Error.WriteLineAsync($"error: cannot reach cluster {options.ClusterId} (is a node up? alpha serve --cluster ...): {ex.Message}");
                return ExitCodes.Failure;
            }

            await using (connection)
            {
                try
                {
                    return await act(connection.Gateway, store);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException && ex is not SpecValidationException)
                {
                    await cli.Error.WriteLineAsync($"error: cluster {options.ClusterId} did not answer: {ex.Message}");
                    return ExitCodes.Failure;
                }
            }
        }
    }

    private static Command List(CliContext cli)
    {
        var cluster = ClusterAccess.CreateOption();
        var json = new Option<bool>("--json") { Description = "One JSON object: {schedules: [{key, active, expression, workflow, next, silo, spec_version_id, error}]}." };
        var command = new Command("list", "The cluster's schedules: cron, workflow, next fire, the node holding each.") { cluster, json };
        command.SetAction((parse, ct) => WithClusterAsync(cli, parse.GetValue(cluster), _ => Task.FromResult(ExitCodes.Ok), async (gateway, _) =>
        {
            var schedules = (await gateway.SchedulesAsync(ct)).OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(new JsonObject { ["schedules"] = new JsonArray([.. schedules.Select(s => (JsonNode)ToJson(s))]) }.ToJsonString(LedgerJson.Options));
                return ExitCodes.Ok;
            }

            if (schedules.Length == 0)
            {
                await cli.Out.WriteLineAsync("no cluster schedules (add one: alpha cluster schedules add SPEC)");
            }

            foreach (var schedule in schedules)
            {
                await WriteAsync(cli, schedule);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Add(CliContext cli)
    {
        var target = new Argument<string>("schedule") { Description = "A schedule spec: a file (a workflow whose nodes are adapter: schedule) or the name of one in the ledger. Its workflows must be in the ledger (a cluster fire dispatches them by name)." };
        var cluster = ClusterAccess.CreateOption();
        var command = new Command("add", "Register every schedule of a schedule spec with the cluster (again: updates it); each fire dispatches its workflow once across the cluster.") { target, cluster };
        command.SetAction((parse, ct) =>
        {
            WorkflowSpec? spec = null;
            return WithClusterAsync(
                cli,
                parse.GetValue(cluster),
                async store =>
                {
                    try
                    {
                        (spec, var source, _) = await ScheduleCommand.LoadScheduleSpecAsync(store, parse.GetValue(target)!, ct);
                        foreach (var schedule in ScheduleReader.Read(spec, source))
                        {
                            if (await WorkflowLoader.LoadFromLedgerAsync(store, schedule.Workflow, ct) is null)
                            {
                                await cli.Error.WriteLineAsync($"error: schedule {schedule.Key}: no workflow named '{schedule.Workflow}' in the ledger; a cluster schedule dispatches its workflow by name (lock it first: alpha specs snapshot FILE, or POST /workflows/specs)");
                                return ExitCodes.BadInput;
                            }
                        }

                        return ExitCodes.Ok;
                    }
                    catch (SpecValidationException ex)
                    {
                        await cli.Error.WriteLineAsync($"error: {ex.Message}");
                        return ExitCodes.BadInput;
                    }
                },
                async (gateway, _) =>
                {
                    foreach (var view in await gateway.ScheduleAsync(spec!, ct))
                    {
                        await WriteAsync(cli, view);
                    }

                    return ExitCodes.Ok;
                },
                ct);
        });
        return command;
    }

    private static Command Remove(CliContext cli)
    {
        var key = new Argument<string>("key") { Description = "The schedule's key: SPEC/NODE (as list shows it)." };
        var cluster = ClusterAccess.CreateOption();
        var command = new Command("remove", "Stop a cluster schedule (fires already dispatched go on).") { key, cluster };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(key)!;
            if (text.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                await cli.Error.WriteLineAsync($"error: '{text}' is not a schedule key: give SPEC/NODE, e.g. nightly/at_two (alpha cluster schedules list shows them)");
                return ExitCodes.BadInput;
            }

            return await WithClusterAsync(cli, parse.GetValue(cluster), _ => Task.FromResult(ExitCodes.Ok), async (gateway, _) =>
            {
                if (await gateway.UnscheduleAsync(text, ct) is not { } view)
                {
                    await cli.Error.WriteLineAsync($"error: no cluster schedule '{text}' (alpha cluster schedules list shows them)");
                    return ExitCodes.BadInput;
                }

                await cli.Out.WriteLineAsync($"removed {view.Key} ({view.Expression} -> {view.Workflow})");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Task WriteAsync(CliContext cli, ClusterScheduleView view) =>
        cli.Out.WriteLineAsync(view.Active
            ? $"{view.Key}  {view.Expression} -> {view.Workflow}  next {view.Next:u}  node {view.Silo}"
            : $"{view.Key}  inactive{(view.Error is null ? string.Empty : $": {view.Error}")}  node {view.Silo}");

    private static JsonObject ToJson(ClusterScheduleView view) => new()
    {
        ["key"] = view.Key,
        ["active"] = view.Active,
        ["expression"] = view.Expression,
        ["workflow"] = view.Workflow,
        ["next"] = view.Next,
        ["silo"] = view.Silo,
        ["spec_version_id"] = view.SpecVersionId,
        ["error"] = view.Error,
    };
}
