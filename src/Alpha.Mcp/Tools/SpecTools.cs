using System.ComponentModel;
using System.Text.Json;
using Alpha.Mcp.Hosting;
using Alpha.Mcp.Results;
using Alpha.Platform.Specs;
using Alpha.Runtime.Security;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Alpha.Mcp.Tools;

/// <summary><c>snapshot_spec</c>: hash-lock an agent, workflow or analysis spec in the ledger.</summary>
[McpServerToolType]
internal sealed class SpecTools(IMcpRunHost host)
{
    [McpServerTool(Name = "snapshot_spec", Title = "Lock a spec version", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(SnapshotView))]
    [Description("Validate an agent, workflow or analysis spec (docs/workflows.md) and lock it in the ledger as a version: new content gets the next version number, content already locked returns its existing version (created: false). Workflows run by name take the latest locked version.")]
    public async Task<CallToolResult> SnapshotSpecAsync(
        [Description("The spec: a JSON object, or a string holding it as YAML or JSON (kind: agent | workflow | analysis).")] JsonElement spec,
        CancellationToken cancellationToken = default)
    {
        var text = Arguments.DocumentText(spec, "spec", host.Limits);
        var format = spec.ValueKind == JsonValueKind.Object || text.TrimStart().StartsWith('{') ? SpecFormat.Json : SpecFormat.Yaml;
        Spec parsed;
        try
        {
            parsed = SpecLoader.Parse(text, "spec", format, host.Limits);
        }
        catch (SpecValidationException ex)
        {
            throw new McpException("spec is not valid:\n" + string.Join('\n', ex.Errors.Select(e => $"- {e.Field}{(e.Line is { } l ? $" (line {l})" : string.Empty)}: {e.Message}"))
                + "\nFix those fields and call again; fetch_page workflows.md describes agent and workflow specs.");
        }
        catch (InputLimitExceededException ex)
        {
            throw ToolResults.Invalid("spec", ex.Message, "Send a smaller spec, or raise the limit where Alpha runs.");
        }

        var snapshot = await host.Ledger.SnapshotAsync(parsed, cancellationToken);
        var view = new SnapshotView(
            new SpecRefView(SpecKindNames.ToName(snapshot.Kind), snapshot.Name, snapshot.Version, snapshot.VersionId, snapshot.SpecHash),
            snapshot.SpecId,
            snapshot.Created,
            snapshot.CreatedAt);
        var answer = snapshot.Created
            ? $"Locked {view.Spec.Kind} spec '{snapshot.Name}' as version {snapshot.Version} ({snapshot.VersionId}, sha256 {snapshot.SpecHash})."
            : $"{view.Spec.Kind} spec '{snapshot.Name}' already had this content as version {snapshot.Version} ({snapshot.VersionId}, sha256 {snapshot.SpecHash}); nothing new was written.";
        return ToolResults.Of(view, answer);
    }
}
