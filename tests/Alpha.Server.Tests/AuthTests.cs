using System.Net;
using Alpha.Server.Auth;

namespace Alpha.Server.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task Healthz_NoToken_Ok()
    {
        await using var fx = await ServerFixture.StartAsync();
        using var anonymous = fx.NewClient(null);

        var response = await anonymous.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string)(await ServerFixture.ReadAsync(response))["status"]!);
    }

    [Theory]
    [InlineData("/runs")]
    [InlineData("/agents/specs")]
    [InlineData("/chat/stream/wf_x")]
    public async Task Route_NoToken_Unauthorized(string path)
    {
        await using var fx = await ServerFixture.StartAsync();
        using var anonymous = fx.NewClient(null);

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Route_UnknownToken_Unauthorized()
    {
        await using var fx = await ServerFixture.StartAsync();
        using var stranger = fx.NewClient(ApiTokens.Generate());

        var response = await stranger.PostAsync("/kill", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Route_RevokedToken_Forbidden()
    {
        await using var fx = await ServerFixture.StartAsync();
        var (token, row) = await ApiTokens.IssueAsync(fx.Ledger, "ci");
        using var client = fx.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/runs")).StatusCode);

        var revoked = await fx.Ledger.RevokeApiTokensAsync("ci");
        var response = await client.GetAsync("/runs");

        Assert.Equal(row.TokenId, Assert.Single(revoked).TokenId);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("revoked", (string)(await ServerFixture.ReadAsync(response))["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_IssuedToken_StoresOnlyItsHash()
    {
        await using var fx = await ServerFixture.StartAsync();
        var (token, _) = await ApiTokens.IssueAsync(fx.Ledger, "hash-check");

        var found = await fx.Ledger.FindApiTokenAsync(ApiTokens.Hash(token));
        var bytes = await File.ReadAllBytesAsync(fx.Ledger.FilePath);

        Assert.Equal("hash-check", found?.Name);
        Assert.StartsWith(ApiTokens.Prefix, token, StringComparison.Ordinal);
        Assert.True(token.Length >= ApiTokens.Prefix.Length + 43); // 256 bits in base64url
        Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_BurstSpent_TooManyRequestsWithRetryAfter()
    {
        await using var fx = await ServerFixture.StartAsync(adjust: o => new ServerOptions
        {
            Ledger = o.Ledger, Urls = o.Urls, Environment = o.Environment, RateLimitBurst = 2, RateLimitPerSecond = 1,
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await fx.Client.GetAsync("/runs")).StatusCode);
        }

        var limited = await fx.Client.GetAsync("/runs");
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Append(limited.StatusCode));
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        using var other = fx.NewClient((await ApiTokens.IssueAsync(fx.Ledger, "other")).Token);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/runs")).StatusCode); // per token
    }

    [Fact]
    public async Task Token_AfterRequestsAndAStream_NeverInLogsOrResponses()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (runId, taskId) = await fx.DispatchAsync();
        var frames = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");
        var run = await fx.Client.GetStringAsync($"/runs/{runId}");
        using var anonymous = fx.NewClient(null);
        await anonymous.GetAsync("/runs");

        Assert.NotEmpty(fx.Logs);
        Assert.DoesNotContain(fx.Logs, line => line.Contains(fx.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(fx.Token, run, StringComparison.Ordinal);
        Assert.DoesNotContain(frames, f => f.Data.ToJsonString().Contains(fx.Token, StringComparison.Ordinal));
    }
}
