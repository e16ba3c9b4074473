using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Tests.Signals;

public sealed class ChangeDetectorTests
{
    private static double[] Step(int n, int at, double before, double after) =>
        [.. Enumerable.Range(0, n).Select(i => (i < at ? before : after) + (((i * 7) % 5) - 2) * 0.01)];

    [Fact]
    public void Detect_StepWithKnownOnset_ScoresHighUpward()
    {
        var change = ChangeDetector.Detect(Step(60, 40, 1.0, 5.0), knownOnset: 40);

        Assert.NotNull(change);
        Assert.Equal(40, change.OnsetIndex);
        Assert.True(change.OnsetKnown);
        Assert.Equal(1, change.Direction);
        Assert.True(change.Score > 50);
    }

    [Fact]
    public void Detect_StepWithoutOnset_FindsTheChangePoint()
    {
        var change = ChangeDetector.Detect(Step(80, 50, 10, 2));

        Assert.NotNull(change);
        Assert.InRange(change.OnsetIndex, 48, 52);
        Assert.Equal(-1, change.Direction);
        Assert.False(change.OnsetKnown);
    }

    [Fact]
    public void Detect_StationaryNoise_ScoresLow()
    {
        var change = ChangeDetector.Detect(Step(60, 60, 3, 3), knownOnset: 40);

        Assert.NotNull(change);
        Assert.True(change.Score < MetricSignalExtractor.MinScore, $"score {change.Score}");
    }

    [Fact]
    public void Detect_FlatBaseline_DoesNotDivideByZero()
    {
        double[] values = [.. Enumerable.Repeat(0.0, 30), .. Enumerable.Repeat(1.0, 10)];

        var change = ChangeDetector.Detect(values, 30);

        Assert.NotNull(change);
        Assert.True(double.IsFinite(change.Score));
        // No spread to measure against: a strong change, capped rather than "a billion scales".
        Assert.Equal(ChangeDetector.FlatBaselineCap, change.Score);
    }

    [Fact]
    public void Detect_TooShort_ReturnsNull()
    {
        Assert.Null(ChangeDetector.Detect([1.0, 2.0, 3.0]));
    }

    [Fact]
    public void Detect_LoneSpike_ScoresBelowTheBar()
    {
        double[] values = [.. Step(40, 40, 1.0, 1.0)];
        values[32] = 50;

        var change = ChangeDetector.Detect(values, 30);

        Assert.NotNull(change);
        Assert.True(change.PeakScore > 100);
        Assert.True(change.Score < MetricSignalExtractor.MinScore, $"score {change.Score}");
    }

    [Fact]
    public void Detect_LeadingNaNs_AreMissingNotZero()
    {
        double[] values = [double.NaN, double.NaN, .. Step(40, 40, 5.0, 5.0)];

        var change = ChangeDetector.Detect(values, 30);

        Assert.NotNull(change);
        Assert.True(change.Score < MetricSignalExtractor.MinScore, $"score {change.Score}");
    }

    [Fact]
    public void Detect_NothingBeforeTheKnownOnset_IsUnknown()
    {
        double[] values = [.. Enumerable.Repeat(double.NaN, 20), .. Enumerable.Repeat(4.0, 10)];

        Assert.Null(ChangeDetector.Detect(values, 20));
    }

    [Fact]
    public void Detect_KnownOnsetWithShortBaseline_KeepsTheOnsetAndCapsTheScore()
    {
        double[] values = [1.0, 1.2, 9, 9.5, 9.2, 9.1, 9.4, 9.3];

        var change = ChangeDetector.Detect(values, 2);

        Assert.NotNull(change);
        Assert.True(change.OnsetKnown);
        Assert.Equal(2, change.OnsetIndex);
        Assert.Equal(ChangeDetector.FlatBaselineCap, change.Score);
    }

    [Fact]
    public void Detect_FlatAvailabilityDrop_IsStrongButCapped()
    {
        double[] values = [.. Enumerable.Repeat(100.0, 30), 99.2, 99.0, 99.1, 99.3];

        var change = ChangeDetector.Detect(values, 30, levelRelative: false);

        Assert.NotNull(change);
        Assert.Equal(-1, change.Direction);
        Assert.Equal(ChangeDetector.FlatBaselineCap, change.Score);
    }

    [Fact]
    public void Detect_FlatLevelCreepingByHalfAPercent_ScoresUnderOneFloor()
    {
        // Memory in MiB, flat before the onset, then +0.5 %: a flat baseline does not make a tiny move strong.
        double[] values = [.. Enumerable.Repeat(333.3, 30), 334.9, 334.9, 334.9, 334.9];

        var change = ChangeDetector.Detect(values, 30);

        Assert.NotNull(change);
        Assert.InRange(change.Score, 0.4, 0.6);
    }

    [Fact]
    public void Detect_FlatLevelMovingByFivePercent_ScoresFiveFloors()
    {
        double[] values = [.. Enumerable.Repeat(200.0, 30), 210, 210, 210, 210];

        var change = ChangeDetector.Detect(values, 30);

        Assert.NotNull(change);
        Assert.Equal(5, change.Score, 6);
    }

    [Fact]
    public void Detect_TinyRelativeMoveOnAQuietSeries_IsNotHuge()
    {
        // Memory in bytes with almost no spread: +0.5 % must not score hundreds of scales.
        double[] values = [.. Enumerable.Range(0, 30).Select(i => 1e9 + (i % 3)), .. Enumerable.Repeat(1.005e9, 10)];

        var change = ChangeDetector.Detect(values, 30);

        Assert.NotNull(change);
        Assert.True(change.Score <= 1, $"score {change.Score}");
    }
}
