using System.Globalization;

namespace Alpha.Runtime.Security;

/// <summary>
/// Limits on a document read from outside (incidents, specs, request bodies), so that hostile input fails
/// with a clear error instead of exhausting the stack or memory. Defaults suit real incidents (hundreds of MB
/// of logs, a few levels of nesting); each can be set from the environment (<see cref="FromEnvironment"/>).
/// </summary>
public sealed record InputLimits
{
    /// <summary>Environment variable for <see cref="MaxBytes"/>.</summary>
    public const string MaxBytesVariable = "ALPHA_INPUT_MAX_BYTES";

    /// <summary>Environment variable for <see cref="MaxDepth"/>.</summary>
    public const string MaxDepthVariable = "ALPHA_INPUT_MAX_DEPTH";

    /// <summary>Environment variable for <see cref="MaxAliasExpansion"/>.</summary>
    public const string MaxAliasExpansionVariable = "ALPHA_INPUT_MAX_ALIAS_EXPANSION";

    /// <summary>The largest nesting depth <see cref="MaxDepth"/> may be set to (the readers recurse per level).</summary>
    public const int DepthCeiling = 1000;

    /// <summary>The defaults.</summary>
    public static InputLimits Default { get; } = new();

    /// <summary>Largest document, in bytes of UTF-8 (default 256 MiB).</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Deepest nesting of objects and arrays (mappings and sequences), aliases expanded (default 64, as System.Text.Json).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most content YAML aliases may add when expanded, counted as one per node plus the characters of every
    /// scalar (default 100,000: about 100 KB of text, far more than anchors sharing a block of settings need, and
    /// a bound of tens of MB on what the expansion can cost). A document without aliases uses none of it.
    /// </summary>
    public long MaxAliasExpansion { get; init; } = 100_000;

    /// <summary>The defaults, overridden by <see cref="MaxBytesVariable"/>, <see cref="MaxDepthVariable"/> and <see cref="MaxAliasExpansionVariable"/> when set.</summary>
    /// <exception cref="ArgumentException">A variable is set to something other than a positive whole number (or a depth above <see cref="DepthCeiling"/>).</exception>
    public static InputLimits FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new InputLimits
        {
            MaxBytes = Read(environment, MaxBytesVariable, Default.MaxBytes, long.MaxValue),
            MaxDepth = (int)Read(environment, MaxDepthVariable, Default.MaxDepth, DepthCeiling),
            MaxAliasExpansion = Read(environment, MaxAliasExpansionVariable, Default.MaxAliasExpansion, long.MaxValue),
        };
    }

    private static long Read(Func<string, string?> environment, string name, long fallback, long ceiling)
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= ceiling
            ? value
            : throw new ArgumentException($"{name} must be a whole number from 1 to {ceiling}, not '{text}'.", nameof(environment));
    }
}
