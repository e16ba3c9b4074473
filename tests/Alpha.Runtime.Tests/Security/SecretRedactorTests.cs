using Alpha.Runtime.Security;
using Alpha.Testing;
using Xunit.Abstractions;

namespace Alpha.Runtime.Tests.Security;

public sealed class SecretRedactorTests(ITestOutputHelper output)
{
    private readonly SecretRedactor _redactor = new(new byte[32]);

    [Theory]
    [InlineData("db_password")]
    [InlineData("DB_PASSWORD")]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("X-Auth-Token")]
    [InlineData("aws_secret_access_key")]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("private_key")]
    [InlineData("clientSecret")]
    [InlineData("credentials")]
    [InlineData("Authorization")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("DATABASE_URL")]
    [InlineData("redis.auth")]
    public void IsSecretKey_SecretNames_True(string key) => Assert.True(SecretRedactor.IsSecretKey(key));

    [Theory]
    [InlineData("author")]
    [InlineData("token_count")]
    [InlineData("max_tokens")]
    [InlineData("password_min_length")]
    [InlineData("token_ttl_seconds")]
    [InlineData("db_pool_size")]
    [InlineData("passage")]
    [InlineData("deployment_id")]
    [InlineData("auth_timeout_ms")]
    [InlineData("sha")]
    public void IsSecretKey_OrdinaryNames_False(string key) => Assert.False(SecretRedactor.IsSecretKey(key));

    [Theory]
    [InlineData("postgres://app:UrlPw5secret@db:5432/app", "UrlPw5secret", "postgres://app:")]
    [InlineData("Server=db;User Id=sa;Password=ConnPw7str;Encrypt=true", "ConnPw7str", "Server=db;User Id=sa;Password=")]
    [InlineData("login failed password=LogPw6secret for user bob", "LogPw6secret", "for user bob")]
    [InlineData("Authorization: Bearer abcDEF123456ghiJKL", "abcDEF123456ghiJKL", "Authorization: ")]
    [InlineData("key AKIAQ3EGYX7TN5SECRT1 used", "AKIAQ3EGYX7TN5SECRT1", "key ")]
    [InlineData("aws secret u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzd here", "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzd", "aws secret ")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMTIzIn0.c2lnbmF0dXJlMTIz end", "eyJzdWIiOiJ1c2VyMTIzIn0", " end")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAsecretKeyBody9\n-----END RSA PRIVATE KEY-----", "MIIEpAIBAAKCAQEAsecretKeyBody9", "")]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 pushed", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", " pushed")]
    [InlineData("requests{api_key=MetricKey12z,region=eu}", "MetricKey12z", "region=eu}")]
    [InlineData("value Horse7rQ2mZ9pL4vR8tK3nW6jX end", "Horse7rQ2mZ9pL4vR8tK3nW6jX", " end")] // a word first is not enough to be a name
    [InlineData("{\"db_password\": \"JsonPw13\"}", "JsonPw13", "{\"db_password\": \"")]
    public void Redact_SecretShapes_ValueGoneContextKept(string text, string secret, string kept)
    {
        var redacted = _redactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(kept, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.MarkerPrefix, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("commit 9fceb02d0ae598e95dc970b74767f19372d61af8 merged")]
    [InlineData("request 3f2504e0-4f89-41d3-9d2c-0305e82c3301 done")]
    [InlineData("sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("ERROR: connection pool exhausted after 30000ms (pool=orders-db, size=10)")]
    [InlineData("Package_for_KB2868626 installed")]
    [InlineData("StepFnStateMachine76D362E8-T67Tg48ke8oK_client latency 120")] // a PetShop service (a CloudFormation name)
    [InlineData("OrdersApiGatewayDeployment3A1F9C2B-Kx8Jq2Lm7Pz4 created")] // the same shape, made up
    [InlineData("Microsoft-Windows-PlatformUpdate-Win7-SRV08R2-Package-TopLevel installed")]
    [InlineData("blk_-1608999687919862906 served to /10.250.19.102")]
    [InlineData("/home/glosli/src/ddcMD/ddcMD1 started")]
    [InlineData("author=alice message=\"raise timeout\"")]
    [InlineData("if (token == null) return")]
    public void Redact_OrdinaryText_Unchanged(string text) => Assert.Same(text, _redactor.Redact(text));

    [Fact]
    public void Redact_Twice_SameAsOnce()
    {
        const string Text = "password=LogPw6secret url=postgres://u:UrlPw5secret@h/db AKIAQ3EGYX7TN5SECRT1";

        var once = _redactor.Redact(Text);

        Assert.Equal(once, _redactor.Redact(once));
    }

    [Fact]
    public void Mask_EqualSecretsEqualMarkers_DifferentSecretsDifferentMarkers()
    {
        Assert.Equal(_redactor.Mask("OldPw1prev"), _redactor.Mask("OldPw1prev"));
        Assert.NotEqual(_redactor.Mask("OldPw1prev"), _redactor.Mask("NewPw2curr"));
        Assert.Matches(@"^\[REDACTED:[0-9a-f]{8}\]$", _redactor.Mask("OldPw1prev"));
    }

    [Fact]
    public void Redact_PublicLogData_AlmostNoLineChanged()
    {
        // The high-entropy thresholds were chosen on these sets together (docs/security.md); real logs that
        // hold no secret must come through nearly untouched. The Nezha logs do carry JWT bearer tokens, which is
        // why they are not in this check.
        var files = Directory.GetFiles(SharedData.Path("loghub-2k"), "*_2k.log", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(SharedData.Path("loghub-v1-2k"), "*_2k.log", SearchOption.AllDirectories))
            .ToArray();
        Assert.NotEmpty(files);
        var lines = 0;
        var changed = new List<string>();
        foreach (var line in files.SelectMany(File.ReadLines))
        {
            lines++;
            var redacted = _redactor.Redact(line);
            if (!ReferenceEquals(line, redacted))
            {
                changed.Add(redacted);
            }
        }

        output.WriteLine($"{changed.Count} of {lines} benign log lines redacted");
        Assert.True(changed.Count <= lines / 1000, $"{changed.Count} of {lines} benign log lines were redacted:\n{string.Join("\n", changed.Take(30))}");
    }
}
