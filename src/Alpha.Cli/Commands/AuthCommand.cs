using System.CommandLine;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Platform.Ledger;
using Alpha.Server.Auth;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha auth token</c> and <c>alpha auth revoke</c>: the bearer tokens of <c>alpha serve</c>, kept hashed in the ledger.</summary>
internal static class AuthCommand
{
    public static Command Create(CliContext cli) => new("auth", "Bearer tokens for alpha serve (stored as SHA-256 in the ledger; the token is shown once).")
    {
        Token(cli),
        Revoke(cli),
    };

    private static Command Token(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "A label for the token (who or what uses it).", DefaultValueFactory = _ => "default" };
        var json = new Option<bool>("--json") { Description = "Print {token, token_id, name, created_at} as JSON." };
        var db = LedgerAccess.CreateOption();
        var command = new Command("token", "Issue a token: prints it once (keep it; the ledger keeps only its hash).") { name, json, db };
        command.SetAction(async (parse, ct) =>
        {
            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var label = parse.GetValue(name)!.Trim();
                if (label.Length == 0)
                {
                    await cli.Error.WriteLineAsync("error: --name must not be empty");
                    return ExitCodes.BadInput;
                }

                var (token, row) = await ApiTokens.IssueAsync(ApiTokens.StoreOf(store), label, ct);
                if (parse.GetValue(json))
                {
                    await cli.Out.WriteLineAsync(new JsonObject { ["token"] = token, ["token_id"] = row.TokenId, ["name"] = row.Name, ["created_at"] = row.CreatedAt }.ToJsonString(LedgerJson.Options));
                }
                else
                {
                    await cli.Out.WriteLineAsync(token);
                    await cli.Error.WriteLineAsync($"issued token {row.TokenId} ({row.Name}) in {store.Location}; use it as Authorization: Bearer <token>; revoke with alpha auth revoke {row.Name}");
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Revoke(CliContext cli)
    {
        var key = new Argument<string>("name-or-id") { Description = "A token id (tok_...), or a name: every valid token of that name is revoked." };
        var db = LedgerAccess.CreateOption();
        var command = new Command("revoke", "Revoke tokens: requests with them get 403 from then on.") { key, db };
        command.SetAction(async (parse, ct) =>
        {
            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var revoked = await ApiTokens.StoreOf(store).RevokeApiTokensAsync(parse.GetValue(key)!, ct);
                if (revoked.Count == 0)
                {
                    await cli.Error.WriteLineAsync($"error: no valid token named or with id '{parse.GetValue(key)}' in {store.Location}");
                    return ExitCodes.BadInput;
                }

                foreach (var token in revoked)
                {
                    await cli.Out.WriteLineAsync($"revoked {token.TokenId} ({token.Name})");
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
