using System.Text;
using System.Text.Json;
using Alpha.Testing.Databases;
using Alpha.Testing.Loopback;
using Microsoft.Data.Sqlite;

namespace Alpha.Cli.Tests;

/// <summary>
/// The secrets corpus: an incident with a secret in every kind of field, analysed with a model configured
/// (the loopback server) and the ledger on. No secret value may appear on stdout (text and --json), stderr
/// (progress and log lines), in any frame, in any ledger table, in <c>runs show</c>, or in what the model received.
/// </summary>
public sealed class SecretsCorpusTests : IAsyncLifetime, IDisposable
{
    // Each secret is distinctive so that a leak anywhere, in any encoding that keeps it on one line, is found.
    private static readonly string[] Secrets =
    [
        "PlainPw3cfg", "ApiKey4plainValue", "AKIAQ3EGYX7TN5SECRT1", "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzd", "OldPw1prev", "NewPw2curr",
        "UrlPw5secret", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "LogPw6secret", "eyJzdWIiOiJ1c2VyMTIzIn0", "ConnPw7str",
        "TokPw8patch", "MIIEpAIBAAKCAQEAsecretKeyBody9", "DeplPw11q", "MetricKey12z", "EnvTok14x", "CommitPw15",
    ];

    private const string Incident = """
        {
          "deployment_id": "deploy-secrets",
          "logs": [
            "ERROR: connection refused to postgres://app:UrlPw5secret@db:5432/orders",
            "WARN: login retry password=LogPw6secret user=svc",
            "ERROR: upstream 401 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMTIzIn0.c2lnbmF0dXJlMTIz",
            {"timestamp": "2026-11-30T10:00:00Z", "service": "orders", "level": "ERROR", "message": "pool init failed Server=db;User Id=sa;Password=ConnPw7str;"},
            "INFO: aws secret u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzd loaded"
          ],
          "metrics": {"orders.requests{api_key=MetricKey12z}": 120, "orders.error_rate": 0.3},
          "recent_commits": [
            {"sha": "9fceb02d0ae598e95dc970b74767f19372d61af8", "message": "rotate creds, password=CommitPw15 was wrong", "author": "alice",
             "files": [{"path": "config/app.yaml", "patch": "-  token: TokPw8patch\n+  key: |\n+    -----BEGIN RSA PRIVATE KEY-----\n+    MIIEpAIBAAKCAQEAsecretKeyBody9\n+    -----END RSA PRIVATE KEY-----"}]}
          ],
          "config_snapshot": {
            "previous": {"db_password": "OldPw1prev", "db_pool_size": 50, "aws_access_key_id": "AKIAQ3EGYX7TN5SECRT1"},
            "current": {"db_password": "NewPw2curr", "db_pool_size": 5, "aws_access_key_id": "AKIAQ3EGYX7TN5SECRT1", "github": {"token": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}}
          },
          "env": {"DATABASE_URL": "postgres://app:UrlPw5secret@db:5432/orders", "PAYMENTS_API_TOKEN": "EnvTok14x"},
          "deployments": [{"service": "orders", "from_version": "v1", "to_version": "v2", "notes": "deployed with --password=DeplPw11q"}]
        }
        """;

    private const string PlainConfigIncident = """
        {"deployment_id": "deploy-plain", "logs": ["ERROR: auth failed"],
         "config_snapshot": {"db_password": "PlainPw3cfg", "api_key": "ApiKey4plainValue", "db_pool_size": 10}}
        """;

    private readonly TempFiles _files = new();
    private LoopbackOpenAIServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackOpenAIServer.StartAsync();
        var hypothesis = new { label = "database credentials changed", description = "auth failures after the password change", confidence = 0.7, severity = "high", supporting_signals = new[] { "sig_001" } };
        _server.WhenEmpty = LoopbackReply.Json(new { hypotheses = new[] { hypothesis } }, promptTokens: 100, completionTokens: 20);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private Dictionary<string, string> Environment() => new()
    {
        ["ALPHA_LLM_BASE_URL"] = _server.BaseUrl.ToString(),
        ["ALPHA_MODEL"] = "test/model",
    };

    private async Task<string> EverythingPrintedAsync(string db)
    {
        var seen = new StringBuilder();
        foreach (var (name, text) in new[] { ("incident.json", Incident), ("plain.json", PlainConfigIncident) })
        {
            var path = _files.Write(name, text);
            var json = await CliRunner.RunAsync(["analyze", path, "--json", "--db", db], env: Environment());
            var plain = await CliRunner.RunAsync(["analyze", path, "--no-live", "--db", db], env: Environment());
            Assert.Equal((0, 0), (json.ExitCode, plain.ExitCode));
            seen.Append(json.Out).Append(json.Error).Append(plain.Out).Append(plain.Error);
            using var report = JsonDocument.Parse(json.Out);
            var runId = report.RootElement.GetProperty("run_id").GetString()!;
            foreach (var args in new[] { new[] { "runs", "show", runId, "--json" }, ["runs", "show", runId, "--frames"], ["runs", "list", "--json"] })
            {
                var shown = await CliRunner.RunAsync([.. args, "--db", db]);
                Assert.Equal(0, shown.ExitCode);
                seen.Append(shown.Out).Append(shown.Error);
            }
        }

        foreach (var request in _server.Requests)
        {
            seen.Append(request.Body.GetRawText());
        }

        return seen.ToString();
    }

    private static void AssertNoSecret(string text, string where)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{secret} leaked into {where}");
        }
    }

    [Fact]
    public async Task Analyze_SecretsEverywhere_SqliteNoLeakAnywhere()
    {
        var db = Path.Combine(_files.Root, "alpha.db");

        var printed = await EverythingPrintedAsync(db);

        Assert.NotEmpty(_server.Requests);
        Assert.Contains("[REDACTED:", printed, StringComparison.Ordinal);
        AssertNoSecret(printed, "the output, runs show or the model requests");
        AssertNoSecret(await DumpSqliteAsync(db), "the SQLite ledger");
        Assert.Contains("credentials changed; values withheld", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_SecretsEverywhere_PostgresNoLeakAnywhere()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();

        var printed = await EverythingPrintedAsync(schema.ConnectionString);

        AssertNoSecret(printed, "the output, runs show or the model requests");
        var tables = (string)(await schema.ScalarAsync("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = current_schema()"))!;
        Assert.Contains("run_frames", tables, StringComparison.Ordinal);
        var everyRow = string.Join(" UNION ALL ", tables.Split(',').Select(t => $"SELECT row_to_json(x)::text AS r FROM \"{t}\" x"));
        var dump = (string?)await schema.ScalarAsync($"SELECT string_agg(r, E'\\n') FROM ({everyRow}) rows") ?? "";
        Assert.Contains("deploy-secrets", dump, StringComparison.Ordinal);
        AssertNoSecret(dump, "the PostgreSQL ledger");
    }

    private static async Task<string> DumpSqliteAsync(string db)
    {
        var dump = new StringBuilder();
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("agent_run_steps", tables);
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\t');
                }

                dump.AppendLine();
            }
        }

        Assert.Contains("deploy-secrets", dump.ToString(), StringComparison.Ordinal);
        return dump.ToString();
    }
}
