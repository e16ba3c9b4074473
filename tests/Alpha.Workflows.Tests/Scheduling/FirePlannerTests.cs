using Alpha.Workflows.Scheduling;
using static Alpha.Workflows.Tests.Scheduling.Schedules;

namespace Alpha.Workflows.Tests.Scheduling;

public sealed class FirePlannerTests
{
    [Fact]
    public void Plan_OccurrenceWithinGrace_FiresItOnTime()
    {
        var schedule = One("*/5 * * * *");

        var plan = FirePlanner.Plan(schedule, Night, Night.AddMinutes(5).AddSeconds(30), 100);

        Assert.Equal([Night.AddMinutes(5)], plan.Fires);
        Assert.Equal((0, Night.AddMinutes(5).AddSeconds(30), false), (plan.Skipped, plan.Cursor, plan.Deferred));
    }

    [Fact]
    public void Plan_OccurrenceExactlyAtNow_IsDueAndTheSinceBoundIsNot()
    {
        var schedule = One("*/5 * * * *");

        var plan = FirePlanner.Plan(schedule, Night, Night.AddMinutes(5), 100);

        Assert.Equal([Night.AddMinutes(5)], plan.Fires);
    }

    [Fact]
    public void Plan_SkipAfterTwoHoursDown_RunsOnlyTheOnTimeFire()
    {
        var schedule = One("*/5 * * * *", "skip");

        var plan = FirePlanner.Plan(schedule, Night.AddHours(-2), Night.AddSeconds(30), 100);

        Assert.Equal([Night], plan.Fires);
        Assert.Equal(23, plan.Skipped);
    }

    [Fact]
    public void Plan_RunOnceAfterDowntime_RunsTheLatestLateFireOnceThenTheOnTimeOne()
    {
        var schedule = One("*/5 * * * *", "run_once");

        var plan = FirePlanner.Plan(schedule, Night.AddHours(-2), Night.AddSeconds(30), 100);

        Assert.Equal([Night.AddMinutes(-5), Night], plan.Fires);
        Assert.Equal(22, plan.Skipped);
    }

    [Fact]
    public void Plan_RunOnceLateOnlyDaily_CatchesUpTheMissedNight()
    {
        var schedule = One("0 2 * * *", "run_once");

        var plan = FirePlanner.Plan(schedule, Night.AddDays(-3), Night.AddHours(7), 100);

        Assert.Equal([Night], plan.Fires);
        Assert.Equal(2, plan.Skipped);
    }

    [Fact]
    public void Plan_RunAllAfterDowntime_RunsEveryFireOldestFirst()
    {
        var schedule = One("*/5 * * * *", "run_all");

        var plan = FirePlanner.Plan(schedule, Night.AddHours(-2), Night.AddSeconds(30), 100);

        Assert.Equal(24, plan.Fires.Count);
        Assert.Equal(Night.AddMinutes(-115), plan.Fires[0]);
        Assert.Equal(Night, plan.Fires[^1]);
        Assert.Equal(plan.Fires.Order(), plan.Fires);
        Assert.Equal(0, plan.Skipped);
    }

    [Fact]
    public void Plan_RunAllMoreThanOnePass_DefersTheRestAndResumesAfterTheLastClaimed()
    {
        var schedule = One("*/5 * * * *", "run_all");
        var now = Night.AddSeconds(30);

        var first = FirePlanner.Plan(schedule, Night.AddHours(-2), now, 10);
        var second = FirePlanner.Plan(schedule, first.Cursor, now, 10);
        var third = FirePlanner.Plan(schedule, second.Cursor, now, 10);

        Assert.Equal((10, true), (first.Fires.Count, first.Deferred));
        Assert.Equal(first.Fires[^1], first.Cursor);
        Assert.Equal((10, true), (second.Fires.Count, second.Deferred));
        Assert.Equal((4, false, now), (third.Fires.Count, third.Deferred, third.Cursor));
        Assert.Equal(24, first.Fires.Concat(second.Fires).Concat(third.Fires).Distinct().Count());
    }

    [Fact]
    public void Plan_TimeZone_ReadsTheExpressionInThatZone()
    {
        var schedule = One("0 2 * * *", zone: "Europe/Paris");

        var plan = FirePlanner.Plan(schedule, Night.AddHours(-2), Night.AddHours(-1), 100);

        // 02:00 in Paris in December is 01:00 UTC.
        Assert.Equal([Night.AddHours(-1)], plan.Fires);
    }

    [Fact]
    public void Plan_DaylightSavingInParis_SkippedTimeRunsAtTheJumpAndRepeatedTimeRunsOnce()
    {
        var schedule = One("30 2 * * *", "run_all", zone: "Europe/Paris");
        var spring = new DateTimeOffset(2027, 3, 28, 0, 0, 0, TimeSpan.Zero);
        var autumn = new DateTimeOffset(2027, 10, 31, 0, 0, 0, TimeSpan.Zero);

        var springPlan = FirePlanner.Plan(schedule, spring, spring.AddHours(4), 100);
        var autumnPlan = FirePlanner.Plan(schedule, autumn.AddHours(-1), autumn.AddHours(4), 100);

        // 02:30 does not exist on 28 March (02:00 -> 03:00 CEST): it runs at 03:00 CEST = 01:00 UTC.
        Assert.Equal([spring.AddHours(1)], springPlan.Fires);

        // 02:30 happens twice on 31 October (03:00 CEST -> 02:00 CET): it runs once, at the first, 00:30 UTC.
        Assert.Equal([autumn.AddMinutes(30)], autumnPlan.Fires);
    }

    [Fact]
    public void Plan_SixFieldsWithSeconds_FiresEverySecondsStep()
    {
        var schedule = One("*/20 * * * * *", "run_all");

        var plan = FirePlanner.Plan(schedule, Night, Night.AddMinutes(1), 100);

        Assert.Equal([Night.AddSeconds(20), Night.AddSeconds(40), Night.AddMinutes(1)], plan.Fires);
    }

    [Fact]
    public void Plan_NowNotAfterSince_NothingDue()
    {
        var schedule = One("* * * * *");

        var plan = FirePlanner.Plan(schedule, Night, Night, 100);

        Assert.Empty(plan.Fires);
        Assert.Equal(Night, plan.Cursor);
    }
}
