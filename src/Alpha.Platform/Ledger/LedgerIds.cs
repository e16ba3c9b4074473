using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>
/// Ids of ledger rows: a prefix naming the row type, then 31 hex digits: the Unix time in milliseconds with a
/// 12-bit counter (strictly increasing within a process, so ids sort in creation order even within one
/// millisecond), then 64 random bits (unique across processes and machines).
/// </summary>
public static class LedgerIds
{
    private static long _lastStamp;

    /// <summary>A new id such as <c>run_1a2b3c...</c>.</summary>
    public static string New(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var floor = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 12;
        long last;
        long stamp;
        do
        {
            last = Volatile.Read(ref _lastStamp);
            stamp = Math.Max(floor, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastStamp, stamp, last) != last);

        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}_{stamp:x15}{Convert.ToHexStringLower(random)}");
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
