using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Platform.Ledger;
using Alpha.Workflows;

namespace Alpha.Cli.Commands;

/// <summary>Prints a finished workflow run: a summary line and its outputs, or one JSON object.</summary>
internal static class WorkflowOutput
{
    public static async Task WriteAsync(CliContext cli, WorkflowRunResult result, bool json)
    {
        var run = result.Run;
        if (json)
        {
            var outputs = new JsonObject();
            foreach (var (node, text) in result.Outputs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                outputs[node] = text;
            }

            var body = new JsonObject
            {
                ["run_id"] = run.RunId,
                ["status"] = LedgerNames.ToName(run.Status),
                ["parent_run_id"] = run.ParentRunId,
                ["spec_version_id"] = run.SpecVersionId,
                ["experiment_id"] = run.ExperimentId,
                ["total_tokens"] = run.TotalTokens,
                ["total_cost_usd"] = run.TotalCostUsd,
                ["error"] = run.Error,
                ["outputs"] = outputs,
            };
            await cli.Out.WriteLineAsync(body.ToJsonString(LedgerJson.Options));
            return;
        }

        await cli.Out.WriteLineAsync($"run {run.RunId}: {LedgerNames.ToName(run.Status)}{(run.Error is null ? string.Empty : $" ({run.Error})")}; {run.TotalTokens} tokens, ${run.TotalCostUsd}");
        foreach (var (node, text) in result.Outputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            await cli.Out.WriteLineAsync($"  {node}: {text}");
        }
    }
}
