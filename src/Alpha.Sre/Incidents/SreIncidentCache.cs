using System.Runtime.CompilerServices;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Incidents;

/// <summary>Reads each <see cref="IncidentInput"/> once per process, however many agents and extractors ask for it.</summary>
public static class SreIncidentCache
{
    private static readonly ConditionalWeakTable<IncidentInput, SreIncident> Cache = [];

    /// <summary>The typed form of <paramref name="input"/>.</summary>
    public static SreIncident Get(IncidentInput input) => Cache.GetValue(input, static i => SreIncidentReader.Read(i, "incident"));
}
