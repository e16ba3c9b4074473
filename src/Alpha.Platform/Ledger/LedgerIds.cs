using System.Security.Cryptography;
using System.Text;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>Ids of ledger rows: a prefix naming the row type and a time-ordered (version 7) GUID.</summary>
public static class LedgerIds
{
    /// <summary>A new id such as <c>run_0193...</c>.</summary>
    public static string New(string prefix) => prefix + "_" + Guid.CreateVersion7().ToString("N");

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
