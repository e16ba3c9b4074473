namespace Alpha.Sre.Integrations.GitHub;

/// <summary>Where and how to read GitHub: the REST API root (github.com or GitHub Enterprise Server), the token, and the commit budgets.</summary>
public sealed class GitHubOptions : VendorOptions
{
    /// <summary>The environment variable holding the token.</summary>
    public const string TokenEnvironmentVariable = "GITHUB_TOKEN";

    /// <summary>The environment variable holding the API root of GitHub Enterprise Server (as GitHub Actions sets it).</summary>
    public const string UrlEnvironmentVariable = "GITHUB_API_URL";

    /// <summary>The github.com REST API.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.github.com/");

    /// <summary>At most this many commits are read in detail (files and patches); later ones keep only their message.</summary>
    public int MaxCommitDetails { get; init; } = 100;

    /// <summary>Patches longer than this many characters are cut (a generated file can carry megabytes of diff).</summary>
    public int MaxPatchLength { get; init; } = 20_000;

    /// <inheritdoc />
    internal override string TokenVariable => TokenEnvironmentVariable;

    /// <inheritdoc />
    internal override string VendorName => "GitHub";

    /// <summary>
    /// Options from the environment (<c>GITHUB_TOKEN</c>, <c>GITHUB_API_URL</c>); a non-null <paramref name="baseUrl"/>
    /// (a command-line option) wins over the variable. Without a token only public repositories can be read, at 60
    /// requests an hour.
    /// </summary>
    /// <exception cref="VendorApiException"><c>GITHUB_API_URL</c> is not a URL.</exception>
    public static GitHubOptions FromEnvironment(Func<string, string?> environment, Uri? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var token = environment(TokenEnvironmentVariable);
        return new GitHubOptions
        {
            BaseUrl = baseUrl ?? ReadUrl(environment(UrlEnvironmentVariable), DefaultBaseUrl, UrlEnvironmentVariable, "GitHub"),
            Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim(),
        };
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (MaxCommitDetails < 0 || MaxPatchLength < 0)
        {
            throw NotConfigured("MaxCommitDetails and MaxPatchLength must be at least 0", "Fix the options.");
        }
    }
}
