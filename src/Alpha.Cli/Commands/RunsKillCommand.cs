using System.CommandLine;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Platform.Ledger;

namespace Alpha.Cli.Commands;

/// <summary>
/// <c>alpha runs kill RUN_ID|--all</c>: asks, through the ledger, the process running a workflow run (any process on
/// this ledger) to kill it. Exit codes: 0 the kill was requested (or, with --all, whatever was open was); 1 the run had
/// already finished (nothing to kill); 2 no such run, or neither/both of RUN_ID and --all.
/// </summary>
internal static class RunsKillCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Argument<string?>("run-id") { Description = "The run to kill (run_...).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Kill every run open in this ledger (pending or running), in every process." };
        var by = new Option<string?>("--by") { Description = "Who is killing it, for the run's frame and error (default: USER@host)." };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON." };
        var db = LedgerAccess.CreateOption();
        var command = new Command(
            "kill",
            "Kill a running workflow run, in whichever process runs it: the request is written to the ledger, and that process stops every node (in-flight model calls aborted) and records the run cancelled, killed by --by. Exit 0 requested, 1 the run had already finished, 2 no such run.")
        {
            id, all, by, json, db,
        };
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(id);
            if (string.IsNullOrWhiteSpace(runId) == !parse.GetValue(all))
            {
                await cli.Error.WriteLineAsync("error: give one run id (alpha runs kill run_...) or --all, not both");
                return ExitCodes.BadInput;
            }

            var requester = parse.GetValue(by) is { Length: > 0 } named ? named : $"{cli.Environment("USER") ?? Environment.UserName}@{Environment.MachineName}";
            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var asJson = parse.GetValue(json);
                if (runId is null)
                {
                    var killed = await store.RequestKillAllAsync(requester, ct);
                    await cli.Out.WriteLineAsync(asJson
                        ? new JsonObject { ["requested_by"] = requester, ["run_ids"] = new JsonArray([.. killed.Select(k => JsonValue.Create(k))]) }.ToJsonString()
                        : killed.Count == 0 ? $"No open runs in {store.Location}; nothing to kill." : $"Kill requested by {requester} for {killed.Count} open run(s): {string.Join(", ", killed)}");
                    return ExitCodes.Ok;
                }

                var result = await store.RequestKillAsync(runId, requester, ct);
                if (asJson)
                {
                    await cli.Out.WriteLineAsync(new JsonObject
                    {
                        ["run_id"] = runId,
                        ["requested"] = result.Requested,
                        ["status"] = result.Status is { } s ? LedgerNames.ToName(s) : null,
                        ["requested_by"] = requester,
                    }.ToJsonString());
                }

                switch (result)
                {
                    case { Status: null }:
                        await cli.Error.WriteLineAsync($"error: no run '{runId}' in {store.Location}; see alpha runs list");
                        return ExitCodes.BadInput;
                    case { Requested: false, Status: { } finished }:
                        await cli.Error.WriteLineAsync($"run {runId} already finished ({LedgerNames.ToName(finished)}); nothing to kill");
                        return ExitCodes.Failure;
                    default:
                        if (!asJson)
                        {
                            await cli.Out.WriteLineAsync($"Kill requested by {requester} for run {runId} ({LedgerNames.ToName(result.Status!.Value)}); the process running it stops it and records it cancelled (follow with alpha runs tail {runId}).");
                        }

                        return ExitCodes.Ok;
                }
            }
        });
        return command;
    }
}
