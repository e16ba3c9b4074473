using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>
/// Ids of ledger rows: a prefix naming the row type, then a UUIDv7 (<see cref="Guid.CreateVersion7(DateTimeOffset)"/>,
/// 32 hex digits: the Unix time in milliseconds, then random bits). Ids sort in creation order: within a process
/// each id's millisecond is strictly later than the previous one's (a burst borrows the next milliseconds), and the
/// random bits keep ids unique across processes and machines.
/// </summary>
public static class LedgerIds
{
    private static long _lastMilliseconds;

    /// <summary>A new id such as <c>run_019ad7c5...</c>, stamped with <paramref name="timeProvider"/>'s clock (the system clock by default).</summary>
    public static string New(string prefix, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        long last;
        long stamp;
        do
        {
            last = Volatile.Read(ref _lastMilliseconds);
            stamp = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastMilliseconds, stamp, last) != last);

        return prefix + "_" + Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(stamp)).ToString("N", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The spec id of a kind and name: the same in every ledger, so a spec keeps its id across stores
    /// (<c>spec_</c> + the first 24 hex digits of SHA-256 of <c>kind/name</c>).
    /// </summary>
    public static string SpecId(SpecKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(SpecKindNames.ToName(kind) + "/" + name));
        return "spec_" + Convert.ToHexStringLower(digest)[..24];
    }

    /// <summary>The prefix of version ids of a kind: <c>agv</c>, <c>anv</c> or <c>wfv</c>.</summary>
    public static string VersionPrefix(SpecKind kind) => kind switch
    {
        SpecKind.Agent => "agv",
        SpecKind.Analysis => "anv",
        _ => "wfv",
    };
}
