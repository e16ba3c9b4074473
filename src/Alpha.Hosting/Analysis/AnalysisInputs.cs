using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;

namespace Alpha.Hosting.Analysis;

/// <summary>
/// The inputs an analysis run keeps in the ledger: <c>{deployment_id, source, incident}</c>, the incident redacted.
/// An incident whose log text passes <see cref="InlineMaxChars"/> is not copied: the run keeps the SHA-256 and size of
/// its complete inputs and an excerpt (every section, the first log entries up to <see cref="ExcerptLogChars"/>, and an
/// <c>excerpt</c> object saying what was cut), written without ever building the complete inputs as text.
/// See docs/ledger.md (<c>run_inputs</c>) and docs/security.md.
/// </summary>
public static class AnalysisInputs
{
    /// <summary>Log text (characters) up to which an incident is kept in full: 1 MiB.</summary>
    public const long InlineMaxChars = 1 << 20;

    /// <summary>Log text (characters) an excerpt keeps: 256 KiB, about 3,000 lines of 80 characters.</summary>
    public const long ExcerptLogChars = 256 * 1024;

    /// <summary>The inputs JSON, and the digest of the complete inputs when the JSON is an excerpt of them.</summary>
    public static (string Inputs, RunInputsDigest? Digest) Build(IncidentInput incident, string? source)
    {
        ArgumentNullException.ThrowIfNull(incident);
        source = source is null ? null : SecretRedactor.Default.Redact(source);
        if (incident.Model is not SreIncident sre || LogChars(sre.Logs) <= InlineMaxChars)
        {
            return (Inputs(incident, source).ToJsonString(), null);
        }

        // The complete inputs go through a hash, never into memory (the incident writer flushes as it goes).
        using var sink = new DigestStream();
        using (var writer = new Utf8JsonWriter(sink))
        {
            writer.WriteStartObject();
            writer.WriteString("deployment_id", incident.DeploymentId);
            writer.WriteString("source", source);
            writer.WritePropertyName("incident");
            JsonSerializer.Serialize(writer, incident, AlphaJson.Options);
            writer.WriteEndObject();
            writer.Flush();
        }

        var digest = new RunInputsDigest(sink.HashHex(), sink.Chars);
        var kept = new List<LogEntry>();
        var chars = 0L;
        foreach (var entry in sre.Logs)
        {
            chars += entry.Message.Length + 64; // with its time, service, level and punctuation
            if (chars > ExcerptLogChars)
            {
                break;
            }

            kept.Add(entry);
        }

        var excerpt = Inputs((sre with { Logs = kept }).ToInput(), source);
        excerpt["excerpt"] = new JsonObject
        {
            ["inputs_sha256"] = digest.ContentHash,
            ["inputs_chars"] = digest.Chars,
            ["logs_total"] = sre.Logs.Count,
            ["logs_kept"] = kept.Count,
            ["note"] = "the incident is too big to keep in full: every section but the logs, and the first log entries",
        };
        return (excerpt.ToJsonString(), digest);
    }

    private static JsonObject Inputs(IncidentInput incident, string? source) => new()
    {
        ["deployment_id"] = incident.DeploymentId,
        ["source"] = source,
        ["incident"] = JsonSerializer.SerializeToNode(incident, AlphaJson.Options),
    };

    private static long LogChars(IReadOnlyList<LogEntry> logs) =>
        logs is LogBook book ? book.MessageBytes : logs.Sum(l => (long)l.Message.Length);

    // Hashes what is written and counts it in UTF-16 code units (as string.Length would), keeping nothing.
    private sealed class DigestStream : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Chars { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public string HashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            foreach (var b in buffer)
            {
                // A lead byte starts a character; a four-byte sequence (0xF0 and up) is a surrogate pair in UTF-16.
                Chars += (b & 0xC0) == 0x80 ? 0 : b >= 0xF0 ? 2 : 1;
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
