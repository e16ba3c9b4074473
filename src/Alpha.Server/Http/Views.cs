using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Server.Http;

/// <summary>How ledger records look in responses (snake_case; never a run's inputs, only their size).</summary>
internal static class Views
{
    /// <summary>Longest request, response or error text of a step in a response; longer ones are cut with a note.</summary>
    public const int MaxFieldChars = 65_536;

    public static object Run(WorkflowRun r) => new
    {
        r.RunId,
        SpecKind = SpecKindNames.ToName(r.SpecKind),
        r.SpecVersionId,
        Status = LedgerNames.ToName(r.Status),
        r.ParentRunId,
        r.ExperimentId,
        r.TestId,
        r.TaskId,
        r.InputsChars,
        r.StartedAt,
        r.FinishedAt,
        r.TotalTokens,
        r.TotalCostUsd,
        r.Error,
        r.CreatedAt,
        r.UpdatedAt,
    };

    public static object AgentRun(AgentRunRecord a) => new
    {
        a.AgentRunId,
        a.Node,
        a.Agent,
        a.AgentSpecVersionId,
        a.Mode,
        Status = LedgerNames.ToName(a.Status),
        a.StartedAt,
        a.FinishedAt,
        a.InputTokens,
        a.OutputTokens,
        a.CostUsd,
        a.Error,
    };

    public static object Step(AgentRunStep s) => new
    {
        s.StepId,
        s.AgentRunId,
        s.Sequence,
        s.Kind,
        s.Name,
        Request = Cut(s.Request),
        RequestChars = s.Request.Length,
        Response = Cut(s.Response),
        ResponseChars = s.Response?.Length,
        s.InputTokens,
        s.OutputTokens,
        s.CostUsd,
        s.LatencyMs,
        s.Error,
        s.CreatedAt,
    };

    public static object Frame(RunFrame f) => new
    {
        f.RunId,
        f.TaskId,
        f.Sequence,
        f.Stage,
        f.Message,
        Timestamp = f.EmittedAt,
        Extras = ParseOrText(f.Extras),
    };

    public static object Snapshot(SpecSnapshot s) => new
    {
        Kind = SpecKindNames.ToName(s.Kind),
        s.Name,
        s.SpecId,
        s.VersionId,
        s.Version,
        s.SpecHash,
        s.Created,
        s.CreatedAt,
    };

    public static object Summary(SpecSummary s) => new
    {
        Kind = SpecKindNames.ToName(s.Kind),
        s.Name,
        s.SpecId,
        s.Versions,
        s.LatestVersion,
        s.LatestVersionId,
        s.LatestHash,
        s.LatestCreatedAt,
    };

    public static object Version(SpecVersion v, bool withContent) => new
    {
        Kind = SpecKindNames.ToName(v.Kind),
        v.Name,
        v.SpecId,
        v.VersionId,
        v.Version,
        v.SpecHash,
        v.CreatedAt,
        Content = withContent ? ParseOrText(v.Content) : null,
    };

    public static JsonNode? ParseOrText(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static string? Cut(string? text) => text is null || text.Length <= MaxFieldChars ? text : text[..MaxFieldChars];
}
