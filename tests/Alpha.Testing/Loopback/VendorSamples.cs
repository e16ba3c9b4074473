using System.Globalization;
using System.Text.Json.Nodes;

namespace Alpha.Testing.Loopback;

/// <summary>
/// Response bodies and headers shaped like the examples in Sentry's and GitHub's API reference (issue lists, event
/// lists, commit lists, commit detail with files, <c>Link</c> headers), including the fields Alpha ignores, so the
/// clients are tested against what the vendors send rather than against the subset they read.
/// </summary>
public static class VendorSamples
{
    /// <summary>A JSON array of <paramref name="items"/>.</summary>
    public static string Array(params JsonObject[] items) => new JsonArray([.. items]).ToJsonString();

    /// <summary>An item of <c>GET /api/0/projects/{org}/{project}/issues/</c>.</summary>
    public static JsonObject SentryIssue(
        string id, string shortId, string title, string culprit, string project, long count, DateTimeOffset firstSeen, DateTimeOffset lastSeen, string level = "error") => new()
    {
        ["annotations"] = new JsonArray(),
        ["assignedTo"] = null,
        ["count"] = count.ToString(CultureInfo.InvariantCulture), // Sentry sends the count as a string
        ["culprit"] = culprit,
        ["firstSeen"] = Time(firstSeen),
        ["hasSeen"] = false,
        ["id"] = id,
        ["isBookmarked"] = false,
        ["isPublic"] = false,
        ["isSubscribed"] = true,
        ["lastSeen"] = Time(lastSeen),
        ["level"] = level,
        ["logger"] = null,
        ["metadata"] = new JsonObject { ["title"] = title },
        ["numComments"] = 0,
        ["permalink"] = $"https://sentry.io/acme/{project}/issues/{id}/",
        ["project"] = new JsonObject { ["id"] = "2", ["name"] = project, ["slug"] = project },
        ["shareId"] = null,
        ["shortId"] = shortId,
        ["stats"] = new JsonObject { ["24h"] = new JsonArray(new JsonArray(1_541_455_200, 473)) },
        ["status"] = "unresolved",
        ["statusDetails"] = new JsonObject(),
        ["subscriptionDetails"] = null,
        ["title"] = title,
        ["type"] = "error",
        ["userCount"] = 0,
    };

    /// <summary>An item of <c>GET /api/0/organizations/{org}/issues/{id}/events/</c>.</summary>
    public static JsonObject SentryEvent(string eventId, string issueId, string title, DateTimeOffset dateCreated, params (string Key, string Value)[] tags) => new()
    {
        ["eventID"] = eventId,
        ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]),
        ["dateCreated"] = Time(dateCreated),
        ["user"] = null,
        ["message"] = string.Empty,
        ["title"] = title,
        ["id"] = eventId,
        ["platform"] = "python",
        ["event.type"] = "error",
        ["groupID"] = issueId,
    };

    /// <summary>
    /// Sentry's <c>Link</c> header for a page of <paramref name="pageUrl"/>: a previous link without results and a
    /// next link with <paramref name="nextCursor"/> and <c>results="true"</c> when <paramref name="more"/>.
    /// </summary>
    public static string SentryLink(Uri pageUrl, string nextCursor, bool more)
    {
        var bare = pageUrl.GetLeftPart(UriPartial.Path);
        return $"<{bare}?&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", "
            + $"<{bare}?&cursor={nextCursor}>; rel=\"next\"; results=\"{(more ? "true" : "false")}\"; cursor=\"{nextCursor}\"";
    }

    /// <summary>
    /// An item of <c>GET /repos/{owner}/{repo}/commits</c>; with <paramref name="files"/>, the shape of
    /// <c>GET /repos/{owner}/{repo}/commits/{sha}</c> (stats and files added).
    /// </summary>
    public static JsonObject GitHubCommit(string sha, string message, string login, string name, DateTimeOffset date, params JsonObject[] files)
    {
        var api = "https://api.github.com/repos/acme/shop";
        var person = new JsonObject { ["name"] = name, ["email"] = $"{login}@example.com", ["date"] = Time(date) };
        var commit = new JsonObject
        {
            ["url"] = $"{api}/commits/{sha}",
            ["sha"] = sha,
            ["node_id"] = "MDY6Q29tbWl0NmRjYjA5YjViNTc4NzVmMzM0ZjYxYWViZWQ2OTVlMmU0MTkzZGI1ZQ==",
            ["html_url"] = $"https://github.com/acme/shop/commit/{sha}",
            ["comments_url"] = $"{api}/commits/{sha}/comments",
            ["commit"] = new JsonObject
            {
                ["url"] = $"{api}/git/commits/{sha}",
                ["author"] = person.DeepClone(),
                ["committer"] = person.DeepClone(),
                ["message"] = message,
                ["tree"] = new JsonObject { ["url"] = $"{api}/tree/{sha}", ["sha"] = sha },
                ["comment_count"] = 0,
                ["verification"] = new JsonObject { ["verified"] = false, ["reason"] = "unsigned", ["signature"] = null, ["payload"] = null },
            },
            ["author"] = new JsonObject { ["login"] = login, ["id"] = 1, ["type"] = "User", ["site_admin"] = false },
            ["committer"] = new JsonObject { ["login"] = login, ["id"] = 1, ["type"] = "User", ["site_admin"] = false },
            ["parents"] = new JsonArray(new JsonObject { ["url"] = $"{api}/commits/0000000", ["sha"] = "0000000" }),
        };
        if (files.Length > 0)
        {
            var additions = files.Sum(f => (int)f["additions"]!);
            var deletions = files.Sum(f => (int)f["deletions"]!);
            commit["stats"] = new JsonObject { ["additions"] = additions, ["deletions"] = deletions, ["total"] = additions + deletions };
            commit["files"] = new JsonArray([.. files]);
        }

        return commit;
    }

    /// <summary>An item of a commit's <c>files</c>.</summary>
    public static JsonObject GitHubFile(string filename, int additions, int deletions, string? patch, string status = "modified")
    {
        var file = new JsonObject
        {
            ["sha"] = "bbcd538c8e72b8c175046e27cc8f907076331401",
            ["filename"] = filename,
            ["status"] = status,
            ["additions"] = additions,
            ["deletions"] = deletions,
            ["changes"] = additions + deletions,
            ["blob_url"] = $"https://github.com/acme/shop/blob/main/{filename}",
            ["raw_url"] = $"https://github.com/acme/shop/raw/main/{filename}",
            ["contents_url"] = $"https://api.github.com/repos/acme/shop/contents/{filename}",
        };
        if (patch is not null)
        {
            file["patch"] = patch;
        }

        return file;
    }

    /// <summary>GitHub's <c>Link</c> header: <c>&lt;next&gt;; rel="next", &lt;last&gt;; rel="last"</c>.</summary>
    public static string GitHubLink(Uri next, Uri last) => $"<{next}>; rel=\"next\", <{last}>; rel=\"last\"";

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
