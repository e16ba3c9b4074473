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
}
