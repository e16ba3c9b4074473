using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Llm;

/// <summary>A model reply parsed as a JSON object.</summary>
/// <param name="Value">The first complete JSON object in the reply (an <see cref="JsonValueKind.Object"/>, safe to keep).</param>
/// <param name="Text">The reply as the model wrote it, fences and prose included.</param>
/// <param name="Usage">The call's token usage, as the server reported it.</param>
public sealed record ChatJsonResult(JsonElement Value, string Text, UsageDetails? Usage);
