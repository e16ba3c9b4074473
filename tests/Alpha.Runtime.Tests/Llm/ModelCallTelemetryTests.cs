using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alpha.Runtime.Diagnostics;
using Alpha.Runtime.Llm;
using Alpha.Testing.Loopback;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Tests.Llm;

public sealed class ModelCallTelemetryTests : IAsyncLifetime
{
    // Tests run in parallel and the source is process-wide: a model name unique to this class filters out other tests' calls.
    private readonly string _model = "telemetry-" + Guid.NewGuid().ToString("N");
    private LoopbackOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_Success_EmitsChatActivityAndRecordsTokensAndDuration()
    {
        _server.Enqueue(LoopbackReply.Text("ok", promptTokens: 17, completionTokens: 9));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: _model));
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AlphaTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName == $"chat {_model}")
                {
                    lock (activities)
                    {
                        activities.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);
        var tokens = new List<(long Value, string? Type)>();
        var durations = new List<double>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AlphaTelemetry.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        // Microsoft.Extensions.AI records token counts as int.
        meterListener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "gen_ai.client.token.usage" && Tag(tags, "gen_ai.request.model") == _model)
            {
                lock (tokens)
                {
                    tokens.Add((value, Tag(tags, "gen_ai.token.type")));
                }
            }
        });
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "gen_ai.client.operation.duration" && Tag(tags, "gen_ai.request.model") == _model)
            {
                lock (durations)
                {
                    durations.Add(value);
                }
            }
        });
        meterListener.Start();

        await client.GetResponseAsync("hi");

        var activity = Assert.Single(activities);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("chat", activity.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(_model, activity.GetTagItem("gen_ai.request.model"));
        Assert.Equal(17L, Convert.ToInt64(activity.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(9L, Convert.ToInt64(activity.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("127.0.0.1", activity.GetTagItem("server.address"));
        Assert.Equal([(17L, "input"), (9L, "output")], tokens.OrderBy(t => t.Type, StringComparer.Ordinal));
        Assert.True(Assert.Single(durations) > 0);
    }

    [Fact]
    public async Task GetResponseAsync_Failure_MarksActivityAsError()
    {
        _server.Enqueue(LoopbackReply.Status(401, "bad key"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: _model));
        Activity? stopped = null;
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AlphaTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName == $"chat {_model}")
                {
                    stopped = activity;
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.NotNull(stopped);
        Assert.Equal(ActivityStatusCode.Error, stopped.Status);
        // Microsoft.Extensions.AI names the exception type; the status is in the exception it carries.
        Assert.Equal(typeof(ModelCallException).FullName, stopped.GetTagItem("error.type"));
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
