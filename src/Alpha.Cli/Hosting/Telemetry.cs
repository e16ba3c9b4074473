using Alpha.Runtime.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Alpha.Cli.Hosting;

/// <summary>
/// Turns on the OTLP exporter for the runtime's spans and metrics when OTEL_EXPORTER_OTLP_ENDPOINT is set
/// (the standard OpenTelemetry variables, such as OTEL_EXPORTER_OTLP_PROTOCOL and OTEL_SERVICE_NAME, apply).
/// Otherwise nothing is exported and the instrumentation costs next to nothing.
/// </summary>
internal sealed class Telemetry : IDisposable
{
    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;

    private Telemetry(TracerProvider? tracer, MeterProvider? meter)
    {
        _tracer = tracer;
        _meter = meter;
    }

    public bool Enabled => _tracer is not null;

    public static Telemetry FromEnvironment(Func<string, string?> env)
    {
        if (string.IsNullOrWhiteSpace(env("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return new Telemetry(null, null);
        }

        var resource = ResourceBuilder.CreateDefault().AddService(env("OTEL_SERVICE_NAME") ?? "alpha");
        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(AlphaTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(AlphaTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        return new Telemetry(tracer, meter);
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }
}
