using Alpha.Cluster.Runs;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing.Databases;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Alpha.Cluster.Tests;

/// <summary>A fresh ledger schema on ALPHA_TEST_PG and Orleans' test cluster of three silos on it (PostgreSQL membership, state and reminders).</summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ClusterHarness(string testId, PostgresSchema schema, PostgresLedgerStore ledger, TestCluster cluster)
    {
        TestId = testId;
        Schema = schema;
        Ledger = ledger;
        Cluster = cluster;
        Gate = ModelGate.For(testId);
        Gateway = new ClusterGateway(cluster.Client, ledger, cluster.Options.ClusterId);
    }

    public string TestId { get; }

    public PostgresSchema Schema { get; }

    public PostgresLedgerStore Ledger { get; }

    public TestCluster Cluster { get; }

    public ModelGate Gate { get; }

    public ClusterGateway Gateway { get; }

    public static async Task<ClusterHarness> StartAsync(int silos = 3, int maxAttempts = 3)
    {
        var testId = Guid.NewGuid().ToString("N");
        var schema = await TestPostgres.CreateSchemaAsync();
        var ledger = await PostgresLedgerStore.OpenAsync(schema.ConnectionString); // migrates: the Orleans tables too
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ClusterId = "c" + testId[..8];
        builder.Options.ServiceId = "alpha-tests";
        builder.Properties[TestSiloConfigurator.LedgerKey] = schema.ConnectionString;
        builder.Properties[TestSiloConfigurator.TestKey] = testId;
        builder.Properties[TestSiloConfigurator.ClusterKey] = builder.Options.ClusterId;
        builder.Properties[TestSiloConfigurator.MaxAttemptsKey] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ClusterHarness(testId, schema, ledger, cluster);
    }

    public static WorkflowSpec TwoSteps { get; } = new(
        "two_steps",
        null,
        new Dictionary<string, WorkflowInput>(),
        [new WorkflowNode("first", "execution", [new SpecReference("reader")]), new WorkflowNode("second", "execution", [new SpecReference("writer")])],
        [new WorkflowEdge("first", "second")],
        null);

    public static IReadOnlyDictionary<string, AgentSpec> Agents { get; } = new Dictionary<string, AgentSpec>
    {
        ["reader"] = new("reader", null, "test/gated", "llm", SystemPrompt: "You read."),
        ["writer"] = new("writer", null, "test/gated", "llm", SystemPrompt: "You write."),
    };

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        // Other silos' progress has no event to await here: poll it, with a generous deadline (a loaded 2-core machine).
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>
    /// The silo-loss setup: dispatches nine runs (of <see cref="TwoSteps"/> unless given a workflow whose held step comes
    /// after a free one, and its child workflows), waits until each is held in its second step (its first recorded), and
    /// kills the secondary silo driving most of them (never the primary: the test cluster needs it).
    /// </summary>
    public async Task<SiloLoss> LoseBusiestSecondarySiloAsync(WorkflowSpec? workflow = null, IReadOnlyDictionary<string, WorkflowSpec>? workflows = null)
    {
        var views = new List<ClusterRunView>();
        for (var i = 0; i < 9; i++)
        {
            views.Add(await Gateway.DispatchAsync(workflow ?? TwoSteps, Agents, workflows: workflows));
        }

        await WaitUntilAsync(() => Task.FromResult(Gate.Arrived >= 9), "every run waits in its second step, its first recorded");
        var victim = Cluster.SecondarySilos
            .Select(s => (Silo: s, Runs: views.Count(v => v.Silo == s.SiloAddress.ToParsableString())))
            .OrderByDescending(s => s.Runs)
            .First();
        Assert.True(victim.Runs > 0, "no run was placed on a secondary silo");
        var address = victim.Silo.SiloAddress.ToParsableString();
        var executor = ((InProcessSiloHandle)victim.Silo).SiloHost.Services.GetRequiredService<RunExecutor>();
        await Cluster.KillSiloAsync(victim.Silo);
        return new SiloLoss([.. views], address, [.. views.Where(v => v.Silo == address)], executor);
    }

    /// <summary>The runs' grains, or null while a call is refused because it went to a silo being lost (ask again later).</summary>
    public async Task<ClusterRunView[]?> TryGetAllAsync(IEnumerable<ClusterRunView> runs)
    {
        try
        {
            return await Task.WhenAll(runs.Select(v => Gateway.GetAsync(v.Key)));
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gate.Open();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        ModelGate.Forget(TestId);
        await Ledger.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
