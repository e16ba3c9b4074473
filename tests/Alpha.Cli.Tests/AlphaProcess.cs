using System.Diagnostics;

namespace Alpha.Cli.Tests;

/// <summary>Runs the built <c>alpha</c> command in a process of its own (<c>dotnet alpha.dll ...</c>), for multi-process and crash tests.</summary>
internal sealed class AlphaProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly Task<string> _error;

    private AlphaProcess(Process process)
    {
        _process = process;
        _out = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public static AlphaProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "alpha.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "ALPHA_DB", "ALPHA_MODEL", "ALPHA_LLM_BASE_URL", "OPENROUTER_API_KEY", "OTEL_EXPORTER_OTLP_ENDPOINT" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new AlphaProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public int Id => _process.Id;

    public async Task<CliRunner.Run> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return new CliRunner.Run(_process.ExitCode, await _out, await _error);
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. INT, TERM) to the process with kill(1), as a terminal or a supervisor would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {_process.Id} exited {kill.ExitCode}");
        }
    }

    /// <summary>Kills the process outright (SIGKILL): no finally block, no flush, like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
