using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Alpha.Cli.Hosting;

/// <summary>Prints Alpha's own version (the default action reads the entry assembly, which is wrong when hosted in-process).</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Ok;
    }
}
