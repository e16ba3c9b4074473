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
}
