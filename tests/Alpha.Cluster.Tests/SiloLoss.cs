using Alpha.Cluster.Runs;

namespace Alpha.Cluster.Tests;

/// <summary>What <see cref="ClusterHarness.LoseBusiestSecondarySiloAsync"/> did: the runs dispatched, the silo killed, its runs.</summary>
/// <param name="Views">Every run dispatched (nine, each held in its second step).</param>
/// <param name="Victim">The killed silo's address.</param>
/// <param name="Lost">The runs it drove.</param>
/// <param name="VictimExecutor">Its executor, still in the test process (its runs blocked in their model call).</param>
internal sealed record SiloLoss(ClusterRunView[] Views, string Victim, ClusterRunView[] Lost, RunExecutor VictimExecutor);
