using Alpha.Cli;
using Alpha.Cli.Hosting;

return await CliApp.RunAsync(args, CliContext.FromProcess());
