namespace Alpha.Platform.Specs;

/// <summary>The syntax of a spec document.</summary>
public enum SpecFormat
{
    /// <summary>YAML (1.2 core schema for plain scalars).</summary>
    Yaml,

    /// <summary>JSON (comments and trailing commas tolerated).</summary>
    Json,
}
