using Alpha.Platform.Ledger;
using Npgsql;

namespace Alpha.Platform.Tests.Ledger;

public sealed class LedgerLocationTests
{
    [Fact]
    public void Resolve_NothingGiven_DefaultFileUnderTheBaseDirectory()
    {
        var location = LedgerLocation.Resolve(null, _ => null, "/work/project");

        Assert.Equal(("sqlite", "/work/project/.alpha/alpha.db"), (location.Provider, location.Target));
    }

    [Fact]
    public void Resolve_OptionWinsOverEnvironment()
    {
        var fromEnv = LedgerLocation.Resolve(null, name => name == "ALPHA_DB" ? "ledgers/env.db" : null, "/base");
        var fromOption = LedgerLocation.Resolve("sqlite:/tmp/option.db", name => name == "ALPHA_DB" ? "ledgers/env.db" : null, "/base");

        Assert.Equal("/base/ledgers/env.db", fromEnv.Target);
        Assert.Equal("/tmp/option.db", fromOption.Target);
    }

    [Fact]
    public void Parse_ConnectionStringAndUri_ArePostgres()
    {
        var keyValue = LedgerLocation.Parse("Host=db.internal;Port=6543;Username=alpha;Password=secret;Database=ledger", "/");
        var uri = LedgerLocation.Parse("postgresql://alpha:s%40cret@db.internal:6543/ledger?sslmode=disable&search_path=alpha", "/");

        Assert.Equal("postgresql", keyValue.Provider);
        Assert.DoesNotContain("secret", keyValue.ToString(), StringComparison.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder(uri.Target);
        Assert.Equal(("db.internal", 6543, "alpha", "s@cret", "ledger", "alpha", SslMode.Disable), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database, builder.SearchPath, builder.SslMode));
        Assert.DoesNotContain("cret", uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedUriParameter_SaysWhichAreSupported()
    {
        var ex = Assert.Throws<FormatException>(() => LedgerLocation.Parse("postgres://u:p@h/db?foo=1", "/"));

        Assert.Contains("sslmode, search_path or application_name", ex.Message, StringComparison.Ordinal);
    }
}
