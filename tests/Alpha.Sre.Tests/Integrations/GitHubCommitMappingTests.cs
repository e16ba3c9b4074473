using Alpha.Sre.Integrations.GitHub;

namespace Alpha.Sre.Tests.Integrations;

public sealed class GitHubCommitMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToCommitInfo_LongPatch_IsCutAndSaysSo()
    {
        var commit = new GitHubCommit("abc", "Regenerate client", "Lee Park", null, At, null, [new GitHubCommitFile("gen/client.cs", "added", 5000, 0, new string('+', 50))]);

        var info = GitHubCommitMapping.ToCommitInfo(commit, service: null, maxPatchLength: 10);

        Assert.Equal("Lee Park", info.Author);
        Assert.Equal(At, info.Timestamp);
        var patch = Assert.Single(info.Files).Patch;
        Assert.StartsWith("++++++++++\n", patch, StringComparison.Ordinal);
        Assert.EndsWith("(40 more characters cut by alpha)", patch, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCommitInfo_LoginAndCommitterDate_ArePreferred()
    {
        var commit = new GitHubCommit("abc", "m", "Lee Park", "lee", At, At.AddHours(2), []);

        var info = GitHubCommitMapping.ToCommitInfo(commit, "cart", maxPatchLength: 10);

        Assert.Equal(("lee", At.AddHours(2), "cart"), (info.Author, info.Timestamp, info.Service));
    }
}
