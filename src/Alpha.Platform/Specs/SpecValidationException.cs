namespace Alpha.Platform.Specs;

/// <summary>
/// A spec document is unusable. <see cref="Exception.Message"/> lists every problem, one per line, as
/// <c>file:line: field: rule</c>; hosts print it as is.
/// </summary>
public sealed class SpecValidationException : Exception
{
    /// <summary>Creates the error from its problems (at least one).</summary>
    public SpecValidationException(IReadOnlyList<SpecError> errors, Exception? innerException = null)
        : base(Format(errors), innerException)
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SpecError> Errors { get; }

    private static string Format(IReadOnlyList<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems:\n" + string.Join("\n", errors);
    }
}
