namespace Alpha.Benchmarks;

/// <summary>How the hypotheses of one benchmark case are labelled.</summary>
public enum LabelVariant
{
    /// <summary>Every hypothesis names a different cause: as many groups as hypotheses.</summary>
    Distinct,

    /// <summary>
    /// The second half rewords the first half's labels ("db connection-pool exhaustion" for "database connection
    /// pool exhausted"): the normalizer folds each pair into one group, so there are half as many groups.
    /// </summary>
    HalfAgreeing,
}
