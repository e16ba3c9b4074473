namespace Alpha.Testing;

/// <summary>Locates ../shared/data (the public evaluation data beside the repository) from any test's working directory.</summary>
public static class SharedData
{
    /// <summary>The data root; ALPHA_SHARED_DATA overrides the search.</summary>
    public static string Root { get; } = Find();

    /// <summary>A path under the data root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("ALPHA_SHARED_DATA");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        // A clone outside the workspace (a CI checkout in a temporary folder) still finds the workspace's data.
        const string Workspace = "/work/shared/data";
        if (Directory.Exists(Workspace))
        {
            return Workspace;
        }

        throw new DirectoryNotFoundException("The shared data folder (../shared/data beside the repository) was not found; set ALPHA_SHARED_DATA to its path.");
    }
}
