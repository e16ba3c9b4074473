using Alpha.Runtime.Security;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Alpha.Runtime.Tests.Security;

public sealed class SecretRedactorPropertyTests
{
    private static readonly SecretRedactor Redactor = new(new byte[32]);

    private static readonly string[] Pieces =
    [
        "password=", "Password=", "token: ", "api_key=", "postgres://u:", "@h/db", "Bearer ", "AKIAQ3EGYX7TN5SECRT1", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMTIzIn0.sig12345",
        "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzd", "[REDACTED:", "]", "\"", "\\", " ", ";", "\n", "x", "9",
    ];

    [Property(MaxTest = 300)]
    public Property Redact_AnyText_NeverThrowsAndIdempotent() =>
        Prop.ForAll(
            Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty), Gen.ArrayOf(Gen.Elements(Pieces)).Select(p => string.Concat(p))).ToArbitrary(),
            text =>
            {
                var once = Redactor.Redact(text);
                return Redactor.Redact(once) == once;
            });

    [Property(MaxTest = 300)]
    public Property RedactJsonText_AnyJsonText_StaysValidJson() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Elements(Pieces)).Select(p => System.Text.Json.JsonSerializer.Serialize(new { db_password = string.Concat(p), log = string.Concat(p.Reverse()) })).ToArbitrary(),
            json =>
            {
                using var _ = System.Text.Json.JsonDocument.Parse(Redactor.Redact(json));
                return true;
            });

    [Property(MaxTest = 300)]
    public Property ContainsSecret_AnyDocument_AgreesWithWhetherRedactChangesIt() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Elements(Pieces)).Two().Zip(Gen.Elements("pin", "retries", "api_key_count")).Select(p => new System.Text.Json.Nodes.JsonObject
            {
                ["message"] = string.Concat(p.Item1.Item1),
                ["nested"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["label"] = string.Concat(p.Item1.Item2) }, 42),
                [p.Item2] = p.Item1.Item1.Length,
            }.ToJsonString()).ToArbitrary(),
            json =>
            {
                var element = System.Text.Json.JsonDocument.Parse(json).RootElement;
                var changed = !SecretRedactor.SameElement(Redactor.Redact(element, null), element);
                return Redactor.ContainsSecret(element, null) == changed;
            });
}
