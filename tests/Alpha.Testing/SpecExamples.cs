namespace Alpha.Testing;

/// <summary>Locates examples/specs in the repository.</summary>
public static class SpecExamples
{
    public static string Root { get; } = Find();

    public static string Path(string name) => System.IO.Path.Combine(Root, name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "examples", "specs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("examples/specs was not found above the test binaries.");
    }
}
