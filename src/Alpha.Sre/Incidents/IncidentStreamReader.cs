using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Alpha.Runtime.Security;

namespace Alpha.Sre.Incidents;

/// <summary>
/// Reads a JSON incident file as a stream: a <see cref="Utf8JsonReader"/> over a window of the file (1 MiB, grown
/// only for a single value larger than that), so the document never exists as one string or one DOM. The log lines go
/// straight into a <see cref="LogBook"/> (a plain line is copied as UTF-8 bytes, never made a string); every other
/// top-level field is small and is parsed as usual and handed to <see cref="SreIncidentReader"/>, so a field error
/// reads exactly as from the whole document. On anything this reader does not take as it comes (a syntax error,
/// invalid UTF-8 or an unpaired surrogate, nesting past the depth limit, <c>logs</c> that is not a list or appears
/// twice, text after the document) it gives up and returns null: the caller then reads the document whole, which
/// reports the problem with its usual message.
/// </summary>
internal static class IncidentStreamReader
{
    private const int WindowBytes = 1 << 20;

    /// <summary>The incident in the JSON file <paramref name="path"/>, or null when it must be read whole (see the type).</summary>
    public static SreIncident? TryRead(string path, string source, InputLimits limits, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var window = new Window(stream, new JsonReaderOptions
        {
            // As AlphaJson.Options reads a whole document; the depth limit makes a deeper document fall back to the
            // whole-document path, whose depth check names the limit.
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = limits.MaxDepth,
        });
        try
        {
            return Read(window, source, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // an escaped unpaired surrogate, which a string cannot hold
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (Alpha.Runtime.Schemas.InvalidInputException)
        {
            // A field that breaks the format: the whole-document reader names it with its line (IncidentLines), which a
            // stream cannot give. Only a broken file pays for the second read.
            return null;
        }
    }

    /// <summary>True when the file starts (after a byte order mark and white space) with '{': a JSON incident.</summary>
    public static bool StartsWithBrace(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        Span<byte> head = stackalloc byte[4096];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var span = head[..n];
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        var i = span.IndexOfAnyExcept(" \t\r\n"u8);
        return i >= 0 && span[i] == (byte)'{';
    }

    private static SreIncident? Read(Window window, string source, CancellationToken cancellationToken)
    {
        window.Fill(cancellationToken);
        window.SkipByteOrderMark();
        var reader = window.Reader();
        if (!Next(window, ref reader, cancellationToken) || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var rest = new ArrayBufferWriter<byte>();
        LogBook? logs = null;
        using (var writer = new Utf8JsonWriter(rest))
        {
            writer.WriteStartObject();
            while (true)
            {
                if (!Next(window, ref reader, cancellationToken))
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                var name = reader.GetString()!;
                if (name == "logs")
                {
                    if (logs is not null || !Next(window, ref reader, cancellationToken) || reader.TokenType != JsonTokenType.StartArray)
                    {
                        return null;
                    }

                    logs = new LogBook();
                    if (!ReadLogs(window, ref reader, logs, source, cancellationToken))
                    {
                        return null;
                    }

                    continue;
                }

                if (!Complete(window, ref reader, cancellationToken) || !reader.Read())
                {
                    return null;
                }

                using var value = JsonDocument.ParseValue(ref reader);
                writer.WritePropertyName(name);
                value.RootElement.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        // Only white space (and comments) may follow the document.
        if (Next(window, ref reader, cancellationToken))
        {
            return null;
        }

        var restReader = new Utf8JsonReader(rest.WrittenSpan);
        using var root = JsonDocument.ParseValue(ref restReader);
        return SreIncidentReader.Read(root.RootElement, logs, source);
    }

    // The items of "logs", the reader on its '['; false when one of them needs the whole-document path.
    private static bool ReadLogs(Window window, ref Utf8JsonReader reader, LogBook logs, string source, CancellationToken cancellationToken)
    {
        for (var index = 0; ; index++)
        {
            if (!Complete(window, ref reader, cancellationToken) || !reader.Read())
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.EndArray:
                    return true;
                case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence:
                    if (!Utf8.IsValid(reader.ValueSpan))
                    {
                        return false;
                    }

                    logs.AddLine(reader.ValueSpan);
                    break;
                case JsonTokenType.String:
                    // Unescaping never lengthens the text; CopyString refuses an unpaired surrogate (the caller falls back).
                    var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                    var written = reader.CopyString(logs.ReserveLine(length));
                    logs.CommitLine(written);
                    break;
                default:
                    using (var item = JsonDocument.ParseValue(ref reader))
                    {
                        logs.Add(SreIncidentReader.ReadLogItem(item.RootElement, index, source));
                    }

                    break;
            }
        }
    }

    // Reads the next token, refilling the window as needed; false at the end of the file.
    private static bool Next(Window window, ref Utf8JsonReader reader, CancellationToken cancellationToken)
    {
        while (!reader.Read())
        {
            if (window.Final)
            {
                return false;
            }

            window.Keep(ref reader);
            window.Fill(cancellationToken);
            reader = window.Reader();
        }

        return true;
    }

    // Makes sure the whole next value is in the window (so that it can be parsed or skipped in one go); false when
    // the file ends first.
    private static bool Complete(Window window, ref Utf8JsonReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var probe = reader;
            if (probe.Read() && probe.TrySkip())
            {
                return true;
            }

            if (window.Final)
            {
                return false;
            }

            window.Keep(ref reader);
            window.Fill(cancellationToken);
            reader = window.Reader();
        }
    }

    private sealed class Window(Stream stream, JsonReaderOptions options)
    {
        private byte[] _buffer = new byte[WindowBytes];
        private int _start;
        private int _end;
        private JsonReaderState _state = new(options);

        public bool Final { get; private set; }

        public Utf8JsonReader Reader() => new(_buffer.AsSpan(_start, _end - _start), Final, _state);

        public void SkipByteOrderMark()
        {
            if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
            {
                _start += 3;
            }
        }

        // Drops what the reader has consumed; the next Reader() starts where it stopped.
        public void Keep(ref Utf8JsonReader reader)
        {
            _start += checked((int)reader.BytesConsumed);
            _state = reader.CurrentState;
        }

        public void Fill(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, checked(_buffer.Length * 2)); // one value larger than the window
            }

            while (_end < _buffer.Length)
            {
                var n = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (n == 0)
                {
                    Final = true;
                    break;
                }

                _end += n;
            }
        }
    }
}
