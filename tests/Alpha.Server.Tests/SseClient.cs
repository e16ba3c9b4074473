using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Alpha.Server.Tests;

/// <summary>Reads a Server-Sent Events stream as curl -N does: each event's id, name and data, until the server ends it.</summary>
internal static class SseClient
{
    public sealed record Event(string? Id, string Name, JsonObject Data);

    public static async IAsyncEnumerable<Event> ReadAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? id = null;
        var name = "message";
        string? data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    yield return new Event(id, name, JsonNode.Parse(data)!.AsObject());
                }

                (id, name, data) = (null, "message", null);
                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public static async Task<List<Event>> ReadAllAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var events = new List<Event>();
        await foreach (var e in ReadAsync(client, path, lastEventId))
        {
            events.Add(e);
        }

        return events;
    }
}
