using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Alpha.Runtime.Security;

/// <summary>
/// The one redactor of Alpha: every value that is printed, framed, stored or sent to a model goes through it.
/// A secret is found by the name of its key (<see cref="IsSecretKey"/>: password, secret, token, api_key,
/// access_key, private_key, credential, auth...) or by the shape of the value (<see cref="Redact(string)"/>):
/// private key blocks, passwords in URLs (<c>postgres://user:pass@host</c>) and in <c>key=value</c> text
/// (<c>Password=...;</c>), bearer and basic credentials, AWS access key ids, JWTs, well-known token prefixes
/// (GitHub, Slack, OpenAI, Stripe, Google, GitLab) and high-entropy strings (<see cref="IsHighEntropy"/>).
/// A secret becomes <c>[REDACTED:xxxxxxxx]</c>, where the eight hex digits are an HMAC of the value under a
/// key drawn at random per process: two equal secrets get the same marker within a run (so "the password
/// changed" can still be seen), and the marker says nothing about the value. Redaction is idempotent.
/// docs/security.md lists the rules and how the entropy thresholds were chosen.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>Every marker starts with this text.</summary>
    public const string MarkerPrefix = "[REDACTED";

    /// <summary>The shortest token the high-entropy rule looks at.</summary>
    public const int HighEntropyMinLength = 20;

    /// <summary>Shannon entropy of a token divided by log2(min(length, 64)) at or above which it may be a secret.</summary>
    public const double HighEntropyMinNormalizedEntropy = 0.75;

    /// <summary>Share of adjacent characters that change class (upper, lower, digit, other) at or above which it may be a secret.</summary>
    public const double HighEntropyMinClassSwitchRate = 0.40;

    // Words that make a key secret when they are one of its segments (db_password, X-Auth-Token, clientSecret).
    private static readonly HashSet<string> SecretSegments = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "pass", "passphrase", "pin", "secret", "secrets", "token", "credential", "credentials",
        "creds", "auth", "authorization", "oauth", "apikey", "privatekey", "accesskey", "secretkey", "cookie", "dsn",
    };

    // Words that make a key secret wherever they appear once its segments are joined (apikey from api_key, ...).
    private static readonly string[] SecretJoined =
    [
        "password", "passwd", "passphrase", "secret", "apikey", "accesskey", "privatekey", "credential", "authtoken",
        "accesstoken", "refreshtoken", "idtoken", "sessiontoken", "bearer", "connectionstring", "databaseurl",
    ];

    // Words that name a secret on their own in free text; the others (token, auth, cookie...) also need a generated-looking value.
    private static readonly string[] StrongJoined =
    [
        "password", "passwd", "pwd", "passphrase", "secret", "apikey", "accesskey", "privatekey", "credential", "connectionstring",
        "databaseurl", "accesstoken", "refreshtoken", "authtoken", "sessiontoken", "idtoken", "bearer",
    ];

    // Segments that say the value is about a secret, not the secret itself (token_count, password_min_length).
    private static readonly HashSet<string> QuantitySegments = new(StringComparer.Ordinal)
    {
        "count", "length", "len", "size", "ttl", "timeout", "expiry", "expires", "expiration", "max", "min", "limit", "limits",
        "seconds", "secs", "sec", "ms", "days", "hours", "minutes", "enabled", "enable", "disabled", "rotation", "rotated",
        "version", "type", "mode", "policy", "file", "path", "name", "header", "endpoint", "required", "strength",
        "retries", "errors", "error", "failures", "failed", "total", "rate", "requests", "at", "ref", "provider", "method",
    };

    // Segments of keys whose numeric value is itself a secret (a PIN, a numeric password).
    private static readonly HashSet<string> NumericSecretSegments = new(StringComparer.Ordinal) { "password", "passwd", "pwd", "pin", "passphrase", "secret" };

    // Words that start a key=value secret inside free text; the whole key is then checked with IsSecretKey.
    private static readonly SearchValues<string> TextKeyWords = SearchValues.Create(
        ["password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key",
         "privatekey", "private_key", "private-key", "credential", "auth", "dsn"],
        StringComparison.OrdinalIgnoreCase);

    // The literal starts of KnownTokens(): a vectorised search for them spares most lines the regex.
    private static readonly SearchValues<string> KnownTokenPrefixes = SearchValues.Create(
        ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "AROA", "APKA", "eyJ", "ghp_", "gho_", "ghu_", "ghs_", "ghr_",
         "github_pat_", "xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "sk-", "sk_live_", "rk_live_", "AIza", "glpat-"],
        StringComparison.Ordinal);

    // Keys repeat endlessly (frame extras, JSON fields, log labels): their verdict is computed once. Bounded so an
    // input with millions of distinct keys cannot grow it without limit; past the bound keys are checked each time.
    private const int KeyVerdictCacheSize = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> KeyVerdicts = new(StringComparer.Ordinal);

    private readonly byte[] _key;

    /// <summary>Creates a redactor with a fresh random marker key.</summary>
    public SecretRedactor()
        : this(RandomNumberGenerator.GetBytes(32))
    {
    }

    /// <summary>Creates a redactor whose markers are keyed by <paramref name="markerKey"/> (tests).</summary>
    public SecretRedactor(byte[] markerKey)
    {
        ArgumentNullException.ThrowIfNull(markerKey);
        _key = markerKey;
    }

    /// <summary>The process-wide redactor.</summary>
    public static SecretRedactor Default { get; } = new();

    /// <summary>True when <paramref name="text"/> is a marker this class wrote.</summary>
    public static bool IsMarker(string text) => text is not null && text.StartsWith(MarkerPrefix, StringComparison.Ordinal) && text.EndsWith(']');

    /// <summary>The marker standing for <paramref name="secret"/>.</summary>
    public string Mask(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (IsMarker(secret))
        {
            return secret;
        }

        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(secret), hash);
        return $"{MarkerPrefix}:{Convert.ToHexStringLower(hash[..4])}]";
    }

    /// <summary>
    /// True when a value stored under <paramref name="key"/> is a secret by name: one of the key's segments
    /// (split on punctuation and camelCase) is a secret word, or its joined segments contain one, and no segment
    /// says the value only measures the secret (<c>token_ttl</c>, <c>password_min_length</c>).
    /// </summary>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (KeyVerdicts.TryGetValue(key, out var known))
        {
            return known;
        }

        var verdict = ComputeIsSecretKey(key);
        if (KeyVerdicts.Count < KeyVerdictCacheSize)
        {
            KeyVerdicts.TryAdd(key, verdict);
        }

        return verdict;
    }

    private static bool ComputeIsSecretKey(string key)
    {
        var segments = Segments(key);
        if (segments.Count == 0 || segments.Any(QuantitySegments.Contains))
        {
            return false;
        }

        if (segments.Any(SecretSegments.Contains))
        {
            return true;
        }

        var joined = string.Concat(segments);
        return SecretJoined.Any(w => joined.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>True when a number stored under <paramref name="key"/> is itself a secret (a PIN, a numeric password).</summary>
    public static bool IsNumericSecretKey(string key) =>
        IsSecretKey(key) && Segments(key).Any(NumericSecretSegments.Contains);

    /// <summary>The value of <paramref name="key"/>, redacted: whole when the key is secret, else by shape.</summary>
    public string Redact(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && IsSecretKey(key) && !IsMarker(value) ? Mask(value) : Redact(value);
    }

    /// <summary>
    /// <paramref name="text"/> with every secret-shaped part replaced by its marker; the same instance when
    /// nothing was found.
    /// </summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 6)
        {
            return text;
        }

        // Each pass only turns text into markers, which no rule matches again; a secret uncovered by the previous
        // pass (a key=value that a token used to hide) is caught by the next, so the result is a fixed point.
        var result = text;
        for (var pass = 0; pass < 4; pass++)
        {
            var next = RedactOnce(result);
            if (ReferenceEquals(next, result))
            {
                break;
            }

            result = next;
        }

        return result;
    }

    private string RedactOnce(string text)
    {
        var result = text;
        if (result.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            result = PrivateKeyBlock().Replace(result, m => Mask(m.Value));
        }

        if (result.Contains("://", StringComparison.Ordinal))
        {
            result = UrlCredentials().Replace(result, m => m.Groups["pre"].Value + Mask(m.Groups["secret"].Value));
        }

        if (result.Contains("earer", StringComparison.OrdinalIgnoreCase) || result.Contains("asic", StringComparison.OrdinalIgnoreCase))
        {
            result = AuthScheme().Replace(result, m => m.Groups["pre"].Value + Mask(m.Groups["secret"].Value));
        }

        if (result.AsSpan().IndexOfAny(KnownTokenPrefixes) >= 0)
        {
            result = KnownTokens().Replace(result, m => Mask(m.Value));
        }

        result = RedactKeyValues(result);
        return RedactHighEntropy(result);
    }

    /// <summary>
    /// The high-entropy rule: at least <see cref="HighEntropyMinLength"/> characters with upper case, lower case
    /// and digits, normalised Shannon entropy at least <see cref="HighEntropyMinNormalizedEntropy"/> and a
    /// character-class switch rate at least <see cref="HighEntropyMinClassSwitchRate"/>. Hex digests (git SHAs,
    /// hashes), UUIDs and identifiers such as <c>Package_for_KB2868626</c> do not qualify: they lack a case or
    /// change class too rarely. Nor do names made of words with a generated suffix (a capitalised word of 4+ letters
    /// first, and two capitalised words of 5+ letters in a row: <c>StepFnStateMachine76D362E8-T67Tg48ke8oK</c>).
    /// </summary>
    public static bool IsHighEntropy(ReadOnlySpan<char> token)
    {
        if (token.Length < HighEntropyMinLength)
        {
            return false;
        }

        bool upper = false, lower = false, digit = false;
        var switches = 0;
        var previous = -1;
        Span<int> counts = stackalloc int[128];
        counts.Clear();
        foreach (var c in token)
        {
            var cls = char.IsAsciiLetterUpper(c) ? 0 : char.IsAsciiLetterLower(c) ? 1 : char.IsAsciiDigit(c) ? 2 : 3;
            upper |= cls == 0;
            lower |= cls == 1;
            digit |= cls == 2;
            if (previous >= 0 && cls != previous)
            {
                switches++;
            }

            previous = cls;
            counts[c & 127]++;
        }

        if (!(upper && lower && digit) || (double)switches / (token.Length - 1) < HighEntropyMinClassSwitchRate)
        {
            return false;
        }

        if (GeneratedName().IsMatch(token))
        {
            return false; // a resource name with a generated suffix (StepFnStateMachine76D362E8-T67Tg48ke8oK), not a secret
        }

        var entropy = 0.0;
        foreach (var n in counts)
        {
            if (n > 0)
            {
                var p = (double)n / token.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy / Math.Log2(Math.Min(token.Length, 64)) >= HighEntropyMinNormalizedEntropy;
    }

    private static List<string> Segments(string key)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            // camelCase and PascalCase boundaries: clientSecret, XAuthToken (an upper letter before a lower one).
            if (char.IsAsciiLetterUpper(c) && current.Length > 0
                && (char.IsAsciiLetterLower(key[i - 1]) || char.IsAsciiDigit(key[i - 1]) || (i + 1 < key.Length && char.IsAsciiLetterLower(key[i + 1]))))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return segments;

        void Flush()
        {
            if (current.Length > 0)
            {
                segments.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static bool IsStrongSecretKey(string key)
    {
        var joined = string.Concat(Segments(key));
        return StrongJoined.Any(w => joined.Contains(w, StringComparison.Ordinal));
    }

    // At least eight characters mixing letters and digits, and no dot (dotted values are names: android.os.BinderProxy@7d3e0e0).
    private static bool LooksGenerated(ReadOnlySpan<char> value) =>
        value.Length >= 8 && value.IndexOfAnyInRange('0', '9') >= 0 && value.ContainsAny(Letters) && !value.Contains('.');

    private static readonly SearchValues<char> Letters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static bool IsValueEnd(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or ',' or ';' or '&' or '}' or ']' or ')' or '<' or '>';

    // key=value and key: value inside free text (log lines, connection strings, JSON text, metric labels).
    private string RedactKeyValues(string text)
    {
        var span = text.AsSpan();
        StringBuilder? builder = null;
        var copied = 0;
        var searchFrom = 0;
        while (searchFrom < span.Length)
        {
            var hit = span[searchFrom..].IndexOfAny(TextKeyWords);
            if (hit < 0)
            {
                break;
            }

            var wordAt = searchFrom + hit;
            var keyStart = wordAt;
            while (keyStart > 0 && IsKeyChar(span[keyStart - 1]))
            {
                keyStart--;
            }

            var keyEnd = wordAt;
            while (keyEnd < span.Length && IsKeyChar(span[keyEnd]))
            {
                keyEnd++;
            }

            searchFrom = Math.Max(keyEnd, wordAt + 1);
            var i = keyEnd;
            if (i < span.Length && span[i] is '"' or '\'')
            {
                i++;
            }

            while (i < span.Length && span[i] == ' ')
            {
                i++;
            }

            if (i >= span.Length || span[i] is not ('=' or ':'))
            {
                continue;
            }

            i++;
            if (i < span.Length && span[i] == '=')
            {
                continue; // a comparison (==), not an assignment
            }

            while (i < span.Length && span[i] == ' ')
            {
                i++;
            }

            if (i < span.Length && span[i] is '"' or '\'')
            {
                i++;
            }

            var valueStart = i;
            while (i < span.Length && !IsValueEnd(span[i]))
            {
                i++;
            }

            if (i == valueStart || span[valueStart..].StartsWith(MarkerPrefix, StringComparison.Ordinal) || span[valueStart] is '{' or '[')
            {
                continue;
            }

            // In free text only the last dotted part names the value (AppWindowToken.destroySurfaces:2060 is a code
            // location), and a weak word (token, auth) needs a value that looks generated: "auth:SIMPLE" is not a secret.
            var key = span[keyStart..keyEnd];
            var name = key[(key.LastIndexOf('.') + 1)..].ToString();
            if (!IsSecretKey(name) || (!IsStrongSecretKey(name) && !LooksGenerated(span[valueStart..i])))
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(span[copied..valueStart]).Append(Mask(span[valueStart..i].ToString()));
            copied = i;
            searchFrom = i;
        }

        return builder is null ? text : builder.Append(span[copied..]).ToString();
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '_' or '-';

    private string RedactHighEntropy(string text)
    {
        var span = text.AsSpan();
        StringBuilder? builder = null;
        var copied = 0;
        var i = 0;
        while (i < span.Length)
        {
            if (!IsTokenChar(span[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < span.Length && IsTokenChar(span[i]))
            {
                i++;
            }

            if (start > 0 && span[start - 1] == '\\')
            {
                // The first characters belong to an escape (\n, \u00e9 in JSON text): a marker must not split it.
                start = Math.Min(i, start + (span[start] == 'u' ? 5 : 1));
            }

            var token = span[start..i];
            if (token.Length < HighEntropyMinLength || LooksLikePath(token) || !IsHighEntropy(token))
            {
                continue;
            }

            var end = i;
            while (end < span.Length && end - i < 2 && span[end] == '=')
            {
                end++; // base64 padding belongs to the secret
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(span[copied..start]).Append(Mask(span[start..end].ToString()));
            copied = end;
            i = end;
        }

        return builder is null ? text : builder.Append(span[copied..]).ToString();
    }

    // A file path or URL path has a segment of lower-case letters only (/home/user/src); a base64 secret with '/' almost never does.
    private static bool LooksLikePath(ReadOnlySpan<char> token)
    {
        if (!token.Contains('/'))
        {
            return false;
        }

        foreach (var range in token.Split('/'))
        {
            var segment = token[range];
            if (segment.Length > 0 && !segment.ContainsAnyExcept(LowerLetters))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly SearchValues<char> LowerLetters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz");

    // A name made of words: it starts with a capitalised word (4+ letters) and holds two capitalised words of 5+ letters
    // in a row (CloudFormation's LogicalIdHASH-random, Windows package names). See docs/security.md for how it was chosen.
    [GeneratedRegex(@"^(?=[A-Z][a-z]{3}).*?(?:[A-Z][a-z]{4,}){2}", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedName();

    [GeneratedRegex(@"-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END[A-Z0-9 ]*PRIVATE KEY-----|[A-Za-z0-9+/=\s\\]*)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"(?<pre>\b[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s""'\[]*:)(?<secret>(?!\[REDACTED)[^@\s/""'\\]+)(?=@)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?<pre>\b(?:[Bb]earer|BEARER|[Bb]asic|BASIC)\s+)(?<secret>(?!\[REDACTED)[A-Za-z0-9\-._~+/]{8,}=*)", RegexOptions.CultureInvariant)]
    private static partial Regex AuthScheme();

    [GeneratedRegex(
        @"\b(?:(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16}|eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|xox[abposr]-[A-Za-z0-9\-]{10,}|sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}|[sr]k_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_\-]{35}|glpat-[A-Za-z0-9_\-]{20,})\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex KnownTokens();
}
