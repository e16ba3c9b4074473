using Alpha.Platform.Specs;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Alpha.Server.Http;

/// <summary>Errors as RFC 9457 ProblemDetails; validation problems list every field with its line (<c>errors</c>).</summary>
internal static class Problems
{
    public static IResult Status(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    public static IResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail);

    /// <summary>One bad field of a request (400).</summary>
    public static IResult Field(string field, string message, long? line = null) =>
        Status(StatusCodes.Status400BadRequest, "Invalid request", line is { } l ? $"line {l}: {field}: {message}" : $"{field}: {message}", Errors([(field, line, message)]));

    public static IResult Spec(SpecValidationException ex) =>
        Status(StatusCodes.Status400BadRequest, "Invalid spec", ex.Message, Errors([.. ex.Errors.Select(e => (e.Field, (long?)e.Line, e.Message))]));

    public static IResult Input(InvalidInputException ex) =>
        Status(StatusCodes.Status400BadRequest, "Invalid incident", SecretRedactor.Default.Redact(ex.Message), Errors([(ex.Field, ex.Line, SecretRedactor.Default.Redact(ex.Rule))]));

    public static IResult TooLarge(InputLimitExceededException ex) =>
        Status(
            ex.Variable == InputLimits.MaxBytesVariable ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
            "Input limit exceeded",
            ex.Message, new Dictionary<string, object?> { ["limit"] = ex.Limit, ["variable"] = ex.Variable });

    /// <summary>Writes a problem outside an endpoint (middleware).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path },
            options: null,
            contentType: "application/problem+json",
            cancellationToken: context.RequestAborted);
    }

    private static Dictionary<string, object?> Errors(IEnumerable<(string Field, long? Line, string Message)> errors) => new()
    {
        ["errors"] = errors.Select(e => new Dictionary<string, object?> { ["field"] = e.Field, ["line"] = e.Line, ["message"] = e.Message }).ToArray(),
    };
}
