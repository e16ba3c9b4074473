using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Tests.Incidents;

/// <summary>An error found after parsing (a field of the wrong type, a missing field) still says on which line the field is.</summary>
public sealed class IncidentLinesTests
{
    [Fact]
    public void Parse_YamlSectionOfWrongType_NamesFieldAndLine()
    {
        var ex = Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse("deployment_id: d\n# the logs\nlogs: 5\n", "incident.yaml"));

        Assert.Equal("$.logs", ex.Field);
        Assert.Equal(3, ex.Line);
        Assert.StartsWith("incident.yaml:3: $.logs: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonSectionOfWrongType_NamesFieldAndLine()
    {
        var ex = Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse("{\n  \"deployment_id\": \"d\",\n  \"metrics\": \"cpu\"\n}\n", "incident.json"));

        Assert.Equal("$.metrics", ex.Field);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void Parse_YamlNestedFieldMissing_LineOfTheEntry()
    {
        var ex = Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse(
            "deployment_id: d\nlogs:\n  - {message: ok}\n  - {level: ERROR}\n", "incident.yaml"));

        Assert.Equal("logs[1].message", ex.Field);
        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void Parse_YamlMetricNameWithDots_LineOfTheValue()
    {
        var ex = Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse(
            "deployment_id: d\nmetrics:\n  a.cpu: [1, 2]\n  b.mem:\n    - 1\n    - x\n", "incident.yaml"));

        Assert.Equal("metrics.b.mem[1]", ex.Field);
        Assert.Equal(6, ex.Line);
    }
}
