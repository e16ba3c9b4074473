namespace Alpha.Web.Tests;

/// <summary>Files of the repository the tests read (the example incidents).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string ExampleIncident(string name) => Path.Combine(Root, "examples", "incidents", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alpha.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Alpha.slnx was not found above the test binaries.");
    }
}
