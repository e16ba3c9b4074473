using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime.Security;
using Spectre.Console;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha specs snapshot|list|show</c>: hash-lock spec files into immutable versions and inspect them.</summary>
internal static class SpecsCommand
{
    public static Command Create(CliContext cli) => new("specs", "Hash-locked spec versions: lock a spec file, list specs, show a version.")
    {
        Snapshot(cli),
        List(cli),
        Show(cli),
    };

    private static Command Snapshot(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "A spec file (YAML or JSON) of kind agent, analysis or workflow." };
        var json = new Option<bool>("--json") { Description = "Print the snapshot as JSON." };
        var db = LedgerAccess.CreateOption();
        var command = new Command("snapshot", "Lock a spec: the same content always returns the same version; any change creates the next version.") { file, json, db };
        command.SetAction(async (parse, ct) =>
        {
            Spec spec;
            try
            {
                spec = await SpecLoader.LoadAsync(parse.GetValue(file)!, InputLimits.FromEnvironment(cli.Environment), ct);
            }
            catch (Exception ex) when (ex is SpecValidationException or ArgumentException)
            {
                await cli.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                SpecSnapshot snapshot;
                try
                {
                    snapshot = await store.SnapshotAsync(spec, ct);
                }
                catch (DbException ex)
                {
                    await cli.Error.WriteLineAsync($"error: the ledger refused the snapshot: {ex.Message}");
                    return ExitCodes.Failure;
                }

                if (parse.GetValue(json))
                {
                    await cli.Out.WriteLineAsync(JsonSerializer.Serialize(snapshot, LedgerJson.Options));
                }
                else
                {
                    await cli.Out.WriteLineAsync($"{SpecKindNames.ToName(snapshot.Kind)} {snapshot.Name}: version {snapshot.Version} {(snapshot.Created ? "(new)" : "(unchanged: this content is already locked)")}");
                    await cli.Out.WriteLineAsync($"  version_id  {snapshot.VersionId}");
                    await cli.Out.WriteLineAsync($"  spec_id     {snapshot.SpecId}");
                    await cli.Out.WriteLineAsync($"  spec_hash   {snapshot.SpecHash}");
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var db = LedgerAccess.CreateOption();
        var command = new Command("list", "List every spec with its latest version.") { json, db };
        command.SetAction(async (parse, ct) =>
        {
            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var specs = await store.ListSpecsAsync(ct);
                if (parse.GetValue(json))
                {
                    await cli.Out.WriteLineAsync(JsonSerializer.Serialize(specs, LedgerJson.Options));
                    return ExitCodes.Ok;
                }

                if (specs.Count == 0)
                {
                    await cli.Out.WriteLineAsync($"No specs in {store.Location} yet; lock one with: alpha specs snapshot FILE");
                    return ExitCodes.Ok;
                }

                var table = new Table().Border(TableBorder.Simple).Title($"Specs in {Markup.Escape(store.Location)}");
                table.AddColumns("kind", "name", "versions", "latest", "version_id", "spec_hash", "locked at");
                foreach (var s in specs)
                {
                    table.AddRow(
                        SpecKindNames.ToName(s.Kind),
                        Markup.Escape(s.Name),
                        s.Versions.ToString(CultureInfo.InvariantCulture),
                        s.LatestVersion.ToString(CultureInfo.InvariantCulture),
                        Markup.Escape(s.LatestVersionId),
                        s.LatestHash[..12],
                        s.LatestCreatedAt.ToString("u", CultureInfo.InvariantCulture));
                }

                cli.Console.Write(table);
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "The spec's name." };
        var version = new Option<int?>("--version") { Description = "The version number (default: the latest)." };
        var kind = new Option<string?>("--kind") { Description = "agent, analysis or workflow (needed when specs of several kinds share the name)." };
        var json = new Option<bool>("--json") { Description = "Print the version as JSON, content included." };
        var db = LedgerAccess.CreateOption();
        var command = new Command("show", "Show one version of a spec: its ids, hash and locked content.") { name, version, kind, json, db };
        command.SetAction(async (parse, ct) =>
        {
            var wantedKind = parse.GetValue(kind);
            SpecKind? only = null;
            if (wantedKind is not null)
            {
                if (!SpecKindNames.TryParse(wantedKind, out var k))
                {
                    await cli.Error.WriteLineAsync($"error: --kind: '{wantedKind}' is not a spec kind; use one of {string.Join(", ", SpecKindNames.All)}");
                    return ExitCodes.BadInput;
                }

                only = k;
            }

            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var specName = parse.GetValue(name)!;
                var found = new List<IReadOnlyList<SpecVersion>>();
                foreach (var k in only is { } single ? [single] : Enum.GetValues<SpecKind>())
                {
                    if (await store.GetSpecVersionsAsync(k, specName, ct) is { Count: > 0 } versions)
                    {
                        found.Add(versions);
                    }
                }

                if (found.Count == 0)
                {
                    await cli.Error.WriteLineAsync($"error: no spec named '{specName}'{(only is null ? string.Empty : $" of kind {wantedKind}")} in {store.Location}; see alpha specs list");
                    return ExitCodes.BadInput;
                }

                if (found.Count > 1)
                {
                    await cli.Error.WriteLineAsync($"error: '{specName}' names specs of several kinds ({string.Join(", ", found.Select(f => SpecKindNames.ToName(f[0].Kind)))}); add --kind");
                    return ExitCodes.BadInput;
                }

                var all = found[0];
                var wanted = parse.GetValue(version);
                var row = wanted is { } n ? all.FirstOrDefault(v => v.Version == n) : all[^1];
                if (row is null)
                {
                    await cli.Error.WriteLineAsync($"error: {SpecKindNames.ToName(all[0].Kind)} '{specName}' has versions 1 to {all[^1].Version}, not {wanted}");
                    return ExitCodes.BadInput;
                }

                var content = JsonNode.Parse(row.Content)!;
                if (parse.GetValue(json))
                {
                    var output = (JsonObject)JsonSerializer.SerializeToNode(row, LedgerJson.Options)!;
                    output["content"] = content;
                    output["versions"] = all.Count;
                    await cli.Out.WriteLineAsync(output.ToJsonString(LedgerJson.Options));
                    return ExitCodes.Ok;
                }

                await cli.Out.WriteLineAsync($"{SpecKindNames.ToName(row.Kind)} {row.Name}: version {row.Version} of {all.Count}");
                await cli.Out.WriteLineAsync($"  version_id  {row.VersionId}");
                await cli.Out.WriteLineAsync($"  spec_id     {row.SpecId}");
                await cli.Out.WriteLineAsync($"  spec_hash   {row.SpecHash}");
                await cli.Out.WriteLineAsync($"  locked at   {row.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}");
                await cli.Out.WriteLineAsync(content.ToJsonString(LedgerJson.Options));
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
