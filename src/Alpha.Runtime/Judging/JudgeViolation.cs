namespace Alpha.Runtime.Judging;

/// <summary>One broken rule and the detail that shows it.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Detail">What exactly was wrong (e.g. <c>sig_042 does not exist</c>).</param>
public sealed record JudgeViolation(JudgeRule Rule, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Rule}: {Detail}";
}
