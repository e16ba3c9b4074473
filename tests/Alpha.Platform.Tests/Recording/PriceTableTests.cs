using Alpha.Platform.Pricing;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Recording;

public sealed class PriceTableTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("alpha-prices-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Cost_KnownModel_FromPerMillionPrices()
    {
        Assert.Equal((1000 * 3m + 500 * 15m) / 1_000_000m, PriceTable.Default.Cost("anthropic/claude-sonnet-4-6", 1000, 500));
        Assert.Equal(0.0000036m, PriceTable.Default.Cost("OpenAI/GPT-4o-mini", 12, 3));
    }

    [Fact]
    public void Cost_ProviderWildcardAndUnknownModel()
    {
        Assert.Equal(0m, PriceTable.Default.Cost("ollama/llama3.1:8b", 5000, 5000));
        Assert.Null(PriceTable.Default.Cost("acme/unknown-model", 10, 10));
    }

    [Fact]
    public void FromEnvironment_PriceFile_OverridesAndAdds()
    {
        var path = Path.Combine(_folder, "prices.yaml");
        File.WriteAllText(path, "openai/gpt-4o-mini: {input_per_million: 1, output_per_million: 2}\nacme/model:\n  input_per_million: 0.5\n  output_per_million: 0.25\n");

        var table = PriceTable.FromEnvironment(name => name == PriceTable.FileVariable ? path : null);

        Assert.Equal(new ModelPrice(1m, 2m), table.Find("openai/gpt-4o-mini"));
        Assert.Equal(new ModelPrice(0.5m, 0.25m), table.Find("acme/model"));
        Assert.Equal(PriceTable.Default.Find("google/gemini-2.0-flash"), table.Find("google/gemini-2.0-flash"));
        Assert.Same(PriceTable.Default, PriceTable.FromEnvironment(_ => null));
    }

    [Fact]
    public void Load_BadEntry_NamesFileLineAndModel()
    {
        var path = Path.Combine(_folder, "prices.yaml");
        File.WriteAllText(path, "ok/model: {input_per_million: 1, output_per_million: 2}\nbad/model: {input_per_million: -1}\n");

        var ex = Assert.Throws<SpecValidationException>(() => PriceTable.Load(path));

        Assert.Equal((2, "bad/model"), (Assert.Single(ex.Errors).Line, ex.Errors[0].Field));
    }
}
