using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Llm;

/// <summary>The identity of a model request for recorded replay: SHA-256 over the model id and every message's role and text.</summary>
public static class RequestHash
{
    /// <summary>The request as text (what the ledger keeps next to the hash).</summary>
    public static string Text(IEnumerable<ChatMessage> messages) =>
        string.Join("\n", messages.Select(m => $"{m.Role}: {m.Text}"));

    /// <summary>Lowercase hex SHA-256 of <paramref name="model"/> and the request text.</summary>
    public static string Compute(string model, IEnumerable<ChatMessage> messages) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{model}\n{Text(messages)}")));
}
