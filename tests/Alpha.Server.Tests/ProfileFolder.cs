namespace Alpha.Server.Tests;

/// <summary>A temporary folder of vLLM profile files, deleted on dispose.</summary>
internal sealed class ProfileFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alpha-profiles-" + Guid.NewGuid().ToString("N"));

    public ProfileFolder() => Directory.CreateDirectory(Path);

    public void Write(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
