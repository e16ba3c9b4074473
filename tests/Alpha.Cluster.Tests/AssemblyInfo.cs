// Each test starts a cluster of three silos on a 2-core machine: one at a time keeps them from starving each other's probes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
