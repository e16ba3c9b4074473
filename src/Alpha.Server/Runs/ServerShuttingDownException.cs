namespace Alpha.Server.Runs;

/// <summary>A run was dispatched while the server is shutting down (503).</summary>
public sealed class ServerShuttingDownException() : InvalidOperationException("the server is shutting down and accepts no new run");
