using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Tests.Incidents;

public sealed class SreIncidentRedactionTests
{
    private readonly SecretRedactor _redactor = new(new byte[32]);

    private static SreIncident Model(IncidentInput input) => SreIncident.From(input);

    [Fact]
    public void RedactIncident_SecretKeysAndShapesEverywhere_NoSecretLeft()
    {
        var incident = IncidentDocument.Parse(
            """
            {
              "deployment_id": "deploy-1",
              "logs": ["password=LogPw6secret", {"message": "Server=db;Password=ConnPw7str;", "level": "ERROR"}],
              "metrics": {"api.requests{api_key=MetricKey12z}": 5, "cpu": 0.5},
              "recent_commits": [{"sha": "a1b2c3", "message": "use AKIAQ3EGYX7TN5SECRT1"}],
              "config_snapshot": {"previous": {"db_password": "OldPw1prev", "pin": 4321}, "current": {"db_password": "NewPw2curr", "pool": 10}},
              "env": {"DATABASE_URL": "postgres://app:UrlPw5secret@db/app"}
            }
            """,
            "t.json");

        var redacted = _redactor.Redact(incident);

        var text = JsonSerializer.Serialize(redacted, AlphaJson.Options);
        foreach (var secret in new[] { "LogPw6secret", "ConnPw7str", "MetricKey12z", "AKIAQ3EGYX7TN5SECRT1", "OldPw1prev", "NewPw2curr", "4321", "UrlPw5secret" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal(10, Model(redacted).ConfigCurrent.GetProperty("pool").GetInt32());
        Assert.Equal(5, Model(redacted).Metrics.Single(m => m.Key.StartsWith("api.requests", StringComparison.Ordinal)).Points[0].Value);
        Assert.NotEqual(
            Model(redacted).ConfigPrevious!.Value.GetProperty("db_password").GetString(),
            Model(redacted).ConfigCurrent.GetProperty("db_password").GetString());
    }

    [Fact]
    public void RedactIncident_NoSecret_SameInstance()
    {
        var incident = IncidentDocument.Parse("""{"deployment_id": "deploy-1", "logs": ["ERROR: pool exhausted"], "metrics": {"cpu": 0.4}, "recent_commits": [{"sha": "a1b2c3", "message": "reduce pool"}], "config_snapshot": {"db_pool_size": 10}}""", "t.json");

        Assert.Same(incident, _redactor.Redact(incident));
    }
}
