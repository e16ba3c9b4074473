using System.Globalization;
using Alpha.Runtime.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Alpha.Cli.Rendering;

/// <summary>Spectre.Console live view: one panel per agent (status, elapsed, signals seen, hypotheses), refreshed as events arrive.</summary>
internal static class LiveDisplay
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(IAnsiConsole console, EventSubscription events, TimeProvider time, CancellationToken cancellationToken)
    {
        var view = new ExecutionView();
        await console.Live(Render(view, time)).AutoClear(false).StartAsync(async ctx =>
        {
            var reader = events.Reader;
            while (!view.Finished)
            {
                // Wake on the next event or on the tick, whichever comes first, so elapsed times keep moving.
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                tick.CancelAfter(Tick);
                try
                {
                    if (!await reader.WaitToReadAsync(tick.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                while (reader.TryRead(out var e))
                {
                    view.Apply(e);
                }

                ctx.UpdateTarget(Render(view, time));
                ctx.Refresh();
            }
        });
    }

    private static Rows Render(ExecutionView view, TimeProvider time)
    {
        var panels = view.Agents.Select(agent => (IRenderable)new Panel(new Markup(Body(agent, view.Signals, time)))
            .Header($" {Markup.Escape(agent.Name)} ")
            .Border(BoxBorder.Rounded)
            .BorderColor(Colour(agent.Status)));
        var header = new Markup(view.ExecutionId is null
            ? "[grey]starting...[/]"
            : $"[bold]{Markup.Escape(view.DeploymentId ?? "")}[/] [grey]{view.ExecutionId}[/]  signals: {view.Signals}  rejected claims: {view.Rejected}");
        return new Rows(header, new Columns(panels).Expand());
    }

    private static string Body(AgentView agent, int signals, TimeProvider time)
    {
        var elapsed = agent.ElapsedMs ?? (agent.StartedAt is { } s ? (time.GetUtcNow() - s).TotalMilliseconds : 0);
        var lines = new List<string>
        {
            $"[{ColourName(agent.Status)}]{Markup.Escape(agent.Status)}[/] [grey]{Markup.Escape(agent.Mode)}[/]",
            string.Create(CultureInfo.InvariantCulture, $"elapsed    {elapsed,7:0} ms"),
            $"signals    {signals,7}",
            $"hypotheses {agent.Hypotheses,7}",
        };
        if (agent.ModelCalls > 0)
        {
            lines.Add($"model calls {agent.ModelCalls}, {agent.Tokens} tokens");
        }

        if (agent.Detail is { } detail)
        {
            lines.Add($"[grey]{Markup.Escape(detail.Length > 60 ? detail[..60] + "..." : detail)}[/]");
        }

        return string.Join('\n', lines);
    }

    private static Color Colour(string status) => status switch
    {
        "completed" => Color.Green,
        "failed" or "timed out" => Color.Red,
        "cancelled" => Color.Yellow,
        "running" => Color.Blue,
        _ => Color.Grey,
    };

    private static string ColourName(string status) => status switch
    {
        "completed" => "green",
        "failed" or "timed out" => "red",
        "cancelled" => "yellow",
        "running" => "blue",
        _ => "grey",
    };
}
