using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Alpha.Platform.Ledger;
using Alpha.Server.Auth;
using Alpha.Server.Frames;
using Alpha.Server.Http;
using Alpha.Server.Models;
using Alpha.Server.Mcp;
using Alpha.Server.Routes;
using Alpha.Server.Runs;
using Alpha.Server.Sources;
using Alpha.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Alpha.Server;

/// <summary>
/// <c>alpha serve</c>: builds the ASP.NET Core app (minimal APIs) over the ledger, the workflow runtime and the analysis
/// composition. Thin: every route parses the request, calls those layers and writes JSON or a ProblemDetails.
/// See docs/server.md for the routes, auth and limits.
/// </summary>
public static class AlphaServer
{
    /// <summary>Builds the app on Kestrel at <see cref="ServerOptions.Urls"/>; <paramref name="configure"/> may adjust the builder (tests: logging).</summary>
    public static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tokens = ApiTokens.StoreOf(options.Ledger);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(AlphaServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.Limits.MaxBytes);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton<IHostLifetime, ServerLifetime>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout + TimeSpan.FromSeconds(5));
        services.AddSingleton(options);
        services.AddSingleton(options.Ledger);
        services.AddSingleton(tokens);
        services.AddSingleton<FrameHub>();
        services.AddSingleton<FrameStreamer>();
        services.AddSingleton<RunDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RunDispatcher>());
        services.AddSingleton<IRunKiller, LocalRunKiller>();
        services.AddSingleton<LlmProfiles>();
        services.AddSingleton<ModelProviders>();
        services.AddSingleton<ModelPulls>();
        services.AddSingleton<DataSources>();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddRateLimiter(o => ConfigureRateLimits(o, options));
        McpEndpoint.AddServices(services, options);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication(); // serves the MCP endpoint's RFC 9728 metadata document (no token needed)
        app.UseWebSockets();
        app.UseMiddleware<BearerTokenMiddleware>();
        app.UseAuthorization(); // endpoints with their own policy (/mcp: Alpha or OAuth tokens)
        app.UseRateLimiter();

        app.MapGet("/healthz", (ILedgerStore ledger) => Results.Ok(new { Status = "ok", Ledger = ledger.Provider }))
            .AllowAnonymous().WithTags("health").WithSummary("Liveness: no token needed");
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Alpha API")).AllowAnonymous();
        SpecRoutes.Map(app);
        WorkflowRoutes.Map(app);
        IncidentRoutes.Map(app);
        RunRoutes.Map(app);
        StreamRoutes.Map(app);
        McpDataRoutes.Map(app);
        ModelRoutes.Map(app);
        SourceRoutes.Map(app);
        EvidenceRoutes.Map(app);
        WebRoutes.Map(app);
        McpEndpoint.Map(app);
        ClusterRoutes.Map(app);
        return app;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> is cancelled (SIGINT/SIGTERM), then shuts down gracefully.</summary>
    public static async Task RunAsync(ServerOptions options, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        await using var app = Build(options, configure);
        await app.StartAsync(CancellationToken.None).ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void ConfigureRateLimits(RateLimiterOptions limiter, ServerOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Items.TryGetValue(BearerTokenMiddleware.TokenItem, out var value) && value is ApiToken token
                ? RateLimitPartition.GetTokenBucketLimiter(token.TokenId, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateLimitBurst,
                    TokensPerPeriod = options.RateLimitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("anonymous"));
        limiter.OnRejected = (context, ct) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return new ValueTask(Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", $"this token may make {options.RateLimitBurst} requests at once and {options.RateLimitPerSecond} more per second; retry after {seconds} s"));
        };
    }
}
