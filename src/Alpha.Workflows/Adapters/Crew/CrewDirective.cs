using System.Text.RegularExpressions;

namespace Alpha.Workflows.Adapters.Crew;

/// <summary>
/// What a crew manager's answer asks for: <c>DELEGATE worker: task</c> hands a task to a worker, <c>DONE: answer</c>
/// ends the crew with the final answer. The first such line of the answer counts (models often explain first).
/// </summary>
/// <param name="Worker">The worker named by DELEGATE; null for DONE or an answer with no directive.</param>
/// <param name="Text">The task (DELEGATE) or the final answer (DONE).</param>
/// <param name="Done">True for DONE.</param>
internal sealed partial record CrewDirective(string? Worker, string Text, bool Done)
{
    /// <summary>Parses a manager answer; null when it has no DELEGATE or DONE line.</summary>
    public static CrewDirective? Parse(string answer)
    {
        var match = Directive().Match(answer);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["done"].Success
            ? new CrewDirective(null, answer[(match.Groups["rest"].Index)..].Trim(), true)
            : new CrewDirective(match.Groups["worker"].Value, match.Groups["task"].Value.Trim(), false);
    }

    [GeneratedRegex(@"^[ \t*>#-]*(?:(?<done>DONE)\b[ \t]*:?[ \t]*(?<rest>)|DELEGATE[ \t]+`?(?<worker>[\w.-]+)`?[ \t]*:?[ \t]*(?<task>[^\r\n]*))", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();
}
