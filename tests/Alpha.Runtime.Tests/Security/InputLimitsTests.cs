using Alpha.Runtime.Security;
using YamlDotNet.RepresentationModel;

namespace Alpha.Runtime.Tests.Security;

public sealed class InputLimitsTests
{
    private static void Load(string yaml, InputLimits? limits = null) =>
        new YamlStream().Load(BoundedYamlParser.Over(yaml, limits ?? InputLimits.Default));

    [Fact]
    public void BoundedYaml_HundredThousandDeepFlow_DepthErrorNotStackOverflow()
    {
        var yaml = new string('[', 100_000) + new string(']', 100_000);

        var ex = Assert.Throws<InputLimitExceededException>(() => Load(yaml));

        Assert.Equal("max_depth", ex.Limit);
        Assert.Contains("max_depth = 64", ex.Message, StringComparison.Ordinal);
        Assert.Contains(InputLimits.MaxDepthVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundedYaml_DeepBlockMappings_DepthError()
    {
        var yaml = string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 200) + "v\n";

        Assert.Equal("max_depth", Assert.Throws<InputLimitExceededException>(() => Load(yaml)).Limit);
    }

    [Fact]
    public void BoundedYaml_BillionLaughs_AliasExpansionError()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(1, 9).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n"));

        var ex = Assert.Throws<InputLimitExceededException>(() => Load(yaml));

        Assert.Equal("max_alias_expansion", ex.Limit);
    }

    [Fact]
    public void BoundedYaml_AliasOfDeepNodeInsideDeepNode_DepthCountsExpansion()
    {
        var deep = "base: &d " + new string('[', 40) + new string(']', 40) + "\nuse: " + new string('[', 40) + "*d" + new string(']', 40) + "\n";

        Assert.Equal("max_depth", Assert.Throws<InputLimitExceededException>(() => Load(deep)).Limit);
    }

    [Fact]
    public void BoundedYaml_OrdinaryAnchors_Loads()
    {
        var stream = new YamlStream();

        stream.Load(BoundedYamlParser.Over("defaults: &d {timeout: 30, retries: 3}\nprod: *d\nstaging: *d\n", InputLimits.Default));

        Assert.Single(stream.Documents);
    }

    [Fact]
    public void CheckJson_DeepArrays_DepthErrorWithLine()
    {
        var json = "{\"a\":\n" + new string('[', 100) + new string(']', 100) + "}";

        var ex = Assert.Throws<InputLimitExceededException>(() => InputChecks.CheckJson(json, InputLimits.Default));

        Assert.Equal(("max_depth", 2L), (ex.Limit, ex.Line));
    }

    [Fact]
    public void CheckJson_BracketsInStrings_Ignored()
    {
        InputChecks.CheckJson("{\"a\": \"" + new string('[', 500) + "\\\"\"}", InputLimits.Default);
    }

    [Fact]
    public void CheckSize_LargerThanLimit_BytesError()
    {
        var ex = Assert.Throws<InputLimitExceededException>(() => InputChecks.CheckJson(new string(' ', 200), new InputLimits { MaxBytes = 100 }));

        Assert.Equal("max_bytes", ex.Limit);
        Assert.Contains(InputLimits.MaxBytesVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_SetAndBadValues_ReadOrRejected()
    {
        var limits = InputLimits.FromEnvironment(n => n == InputLimits.MaxDepthVariable ? "10" : null);

        Assert.Equal((10, InputLimits.Default.MaxBytes), (limits.MaxDepth, limits.MaxBytes));
        Assert.Throws<ArgumentException>(() => InputLimits.FromEnvironment(n => n == InputLimits.MaxBytesVariable ? "lots" : null));
        Assert.Throws<ArgumentException>(() => InputLimits.FromEnvironment(n => n == InputLimits.MaxDepthVariable ? "100000" : null));
    }
}
