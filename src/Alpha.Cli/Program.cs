using Alpha.Cli;
using Alpha.Cli.Hosting;

using var signals = new TerminationSignals();
var code = await CliApp.RunAsync(args, CliContext.FromProcess(), signals.Token);
return TerminationSignals.ExitCode(code, signals.Received);
