namespace Alpha.Cli.Tests;

/// <summary>A temporary folder for test inputs, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Root = Directory.CreateTempSubdirectory("alpha-cli-tests-").FullName;
    }

    public string Root { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
