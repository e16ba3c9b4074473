using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Specs;
using Alpha.Runtime.Security;

namespace Alpha.Platform.Pricing;

/// <summary>
/// Per-model prices from which the ledger computes the cost of every model call. <see cref="Default"/> is the
/// documented table (docs/ledger.md); a file named by <c>ALPHA_PRICES</c> (YAML or JSON,
/// <c>{model: {input_per_million, output_per_million}}</c>) adds or overrides entries. A model is looked up
/// exactly, then case-insensitively, then by a <c>provider/*</c> entry. A model with no price costs null
/// (unknown), not zero.
/// </summary>
public sealed class PriceTable
{
    /// <summary>The environment variable naming a price file.</summary>
    public const string FileVariable = "ALPHA_PRICES";

    private readonly Dictionary<string, ModelPrice> _prices;

    /// <summary>Creates a table from <paramref name="prices"/> (model id to price).</summary>
    public PriceTable(IReadOnlyDictionary<string, ModelPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        _prices = new Dictionary<string, ModelPrice>(prices, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The built-in table: providers' published list prices (USD per 1M input / output tokens) of the models
    /// Alpha routes to by default and their common siblings; local servers (ollama, vllm) and the deterministic
    /// mode cost nothing.
    /// </summary>
    public static PriceTable Default { get; } = new(new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        ["deterministic"] = new(0m, 0m),
        ["anthropic/claude-sonnet-4-6"] = new(3m, 15m),
        ["anthropic/claude-sonnet-4-5"] = new(3m, 15m),
        ["anthropic/claude-haiku-4-5"] = new(1m, 5m),
        ["anthropic/claude-opus-4-1"] = new(15m, 75m),
        ["google/gemini-2.0-flash"] = new(0.10m, 0.40m),
        ["google/gemini-2.5-flash"] = new(0.30m, 2.50m),
        ["google/gemini-2.5-pro"] = new(1.25m, 10m),
        ["openai/gpt-4o"] = new(2.50m, 10m),
        ["openai/gpt-4o-mini"] = new(0.15m, 0.60m),
        ["openai/gpt-4.1"] = new(2m, 8m),
        ["openai/gpt-4.1-mini"] = new(0.40m, 1.60m),
        ["ollama/*"] = new(0m, 0m),
        ["vllm/*"] = new(0m, 0m),
    });

    /// <summary>Every entry (model id or <c>provider/*</c> to price).</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices => _prices;

    /// <summary><see cref="Default"/> with the file named by <c>ALPHA_PRICES</c> applied, when set.</summary>
    /// <exception cref="SpecValidationException">The price file is missing or malformed.</exception>
    public static PriceTable FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(FileVariable) is { Length: > 0 } path ? Default.With(Load(path)) : Default;
    }

    /// <summary>Reads a price file: a mapping of model id to <c>{input_per_million, output_per_million}</c>.</summary>
    /// <exception cref="SpecValidationException">The file is missing or malformed (the error names the file, line and model).</exception>
    public static IReadOnlyDictionary<string, ModelPrice> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new SpecValidationException([new SpecError(path, null, "$", $"price file not found ({FileVariable}); give a YAML or JSON file of model: {{input_per_million, output_per_million}}")]);
        }

        var text = File.ReadAllText(path);
        var tree = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonSpecParser.Parse(text, path, InputLimits.Default) : YamlSpecParser.Parse(text, path, InputLimits.Default);
        var errors = new List<SpecError>();
        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        if (tree.Root is not JsonObject root)
        {
            throw new SpecValidationException([new SpecError(path, null, "$", "must be a mapping of model id to {input_per_million, output_per_million}")]);
        }

        foreach (var (model, node) in root)
        {
            var line = tree.Lines.TryGetValue(model, out var l) ? l : (int?)null;
            if (node is JsonObject entry
                && entry.Count == 2
                && Rate(entry["input_per_million"]) is { } input
                && Rate(entry["output_per_million"]) is { } output)
            {
                prices[model] = new ModelPrice(input, output);
            }
            else
            {
                errors.Add(new SpecError(path, line, model, "must be {input_per_million: number >= 0, output_per_million: number >= 0}"));
            }
        }

        return errors.Count > 0 ? throw new SpecValidationException(errors) : prices;
    }

    /// <summary>A copy with <paramref name="overrides"/> added or replacing entries.</summary>
    public PriceTable With(IReadOnlyDictionary<string, ModelPrice> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new Dictionary<string, ModelPrice>(_prices, StringComparer.OrdinalIgnoreCase);
        foreach (var (model, price) in overrides)
        {
            merged[model] = price;
        }

        return new PriceTable(merged);
    }

    /// <summary>The price of <paramref name="model"/>, or null when the table has none.</summary>
    public ModelPrice? Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_prices.TryGetValue(model, out var price))
        {
            return price;
        }

        var slash = model.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && _prices.TryGetValue(model[..slash] + "/*", out var provider) ? provider : null;
    }

    /// <summary>The cost of a call, or null when <paramref name="model"/> has no price.</summary>
    public decimal? Cost(string model, long inputTokens, long outputTokens) => Find(model)?.Cost(inputTokens, outputTokens);

    private static decimal? Rate(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0
            ? rate
            : null;
}
