namespace Alpha.Platform.Specs;

/// <summary>Where the studio canvas draws a workflow node (a workflow spec's <c>layout</c>): part of the spec and its hash, never of a run.</summary>
/// <param name="X">Horizontal position on the canvas.</param>
/// <param name="Y">Vertical position on the canvas.</param>
public sealed record NodePlace(double X, double Y);
