using System.Text.Json.Nodes;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Specs;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Serialize_KeysInAnyOrder_SortedOrdinally()
    {
        var a = JsonNode.Parse("""{"b": 1, "a": {"z": true, "Z": false, "y": null}, "_": []}""");
        var b = JsonNode.Parse("""{"_": [], "a": {"y": null, "Z": false, "z": true}, "b": 1}""");

        Assert.Equal("""{"_":[],"a":{"Z":false,"y":null,"z":true},"b":1}""", CanonicalJson.Serialize(a));
        Assert.Equal(CanonicalJson.Serialize(a), CanonicalJson.Serialize(b));
    }

    [Fact]
    public void Serialize_Whitespace_IsInsignificant()
    {
        var compact = JsonNode.Parse("""{"a":[1,2,{"b":"c"}]}""");
        var spaced = JsonNode.Parse("{\n  \"a\" : [ 1 ,\n 2 , { \"b\" :\t\"c\" } ]\n}\n");

        Assert.Equal(CanonicalJson.Serialize(compact), CanonicalJson.Serialize(spaced));
    }

    [Fact]
    public void Serialize_ArrayOrder_IsKept()
    {
        Assert.NotEqual(CanonicalJson.Serialize(JsonNode.Parse("[1,2]")), CanonicalJson.Serialize(JsonNode.Parse("[2,1]")));
    }

    [Theory]
    [InlineData("30", "30")]
    [InlineData("30.0", "30")]
    [InlineData("3e1", "30")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("0.1", "0.1")]
    [InlineData("1.50", "1.5")]
    [InlineData("1E-07", "1e-7")]
    [InlineData("1e21", "1e+21")]
    [InlineData("123456789012345678", "123456789012345678")]
    public void NormalizeNumber_EquivalentForms_OneText(string input, string expected)
    {
        Assert.Equal(expected, CanonicalJson.NormalizeNumber(input));
    }

    [Fact]
    public void Serialize_Strings_MinimalEscapesAndLineBreaksNormalised()
    {
        var node = new JsonObject { ["s"] = "quote \" back \\ tab \t nl \r\n cr \r ctl \u0001 é </>" };

        Assert.Equal("{\"s\":\"quote \\\" back \\\\ tab \\t nl \\n cr \\n ctl \\u0001 é </>\"}", CanonicalJson.Serialize(node));
    }
}
