using Npgsql;

namespace Alpha.Cluster;

/// <summary>The Npgsql connection of Orleans' providers: the ledger's server and database, searching the Orleans schema beside the ledger's.</summary>
public static class OrleansConnection
{
    /// <summary>ADO.NET invariant of the providers (Npgsql needs no factory registration).</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The ledger connection string with its search path set to the Orleans schema (<c>orleans</c> beside <c>public</c>, <c>LEDGER_orleans</c> beside another).</summary>
    public static string For(string ledgerConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(ledgerConnectionString);
        var ledgerSchema = builder.SearchPath?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(s => s != "\"$user\"") ?? "public";
        builder.SearchPath = ledgerSchema == "public" ? "orleans" : ledgerSchema + "_orleans";
        return builder.ConnectionString;
    }
}
