namespace Alpha.Sre.LogMining;

/// <summary>A snapshot of one mined template.</summary>
/// <param name="Id">The template id.</param>
/// <param name="Template">The template text, variables written as <c>&lt;*&gt;</c>.</param>
/// <param name="Count">How many lines matched it.</param>
/// <param name="FirstSeen">The timestamp of its first line.</param>
/// <param name="LastSeen">The timestamp of its latest line.</param>
/// <param name="LevelCounts">Lines per level name, for lines that carried a level.</param>
/// <param name="Example">The first line that matched it, cut to the configured length.</param>
public sealed record LogTemplate(
    int Id,
    string Template,
    long Count,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyDictionary<string, long> LevelCounts,
    string Example);
