namespace Alpha.Mcp.Results;

/// <summary>A locked spec version.</summary>
/// <param name="Kind">agent, workflow or analysis.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="Version">Its version number (1, 2, ...).</param>
/// <param name="VersionId">The version row's id.</param>
/// <param name="SpecHash">SHA-256 of its canonical content.</param>
public sealed record SpecRefView(string Kind, string Name, int Version, string VersionId, string SpecHash);
