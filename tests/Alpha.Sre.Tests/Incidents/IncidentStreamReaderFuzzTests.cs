using System.Text;
using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Alpha.Sre.Tests.Incidents;

/// <summary>
/// Any JSON-looking file read by <see cref="IncidentDocument.LoadAsync(string, TextReader, CancellationToken)"/> (the
/// streaming path) ends as the whole-document reader ends: the same incident, or an <see cref="InvalidInputException"/>.
/// </summary>
public sealed class IncidentStreamReaderFuzzTests
{
    [Property(MaxTest = 100)]
    public Property LoadAsync_AnyJsonFile_SameOutcomeAsWholeDocument() =>
        Prop.ForAll(HostileInput.Documents("deployment_id: d\n", "\"deployment_id\": \"d\", \"logs\": [\"a\", {\"message\": \"b\"}]"), text =>
        {
            var dir = Directory.CreateTempSubdirectory("alpha-stream-fuzz-").FullName;
            try
            {
                var path = Path.Combine(dir, "fuzz.json");
                File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                var whole = Outcome(() => IncidentDocument.Read(File.ReadAllText(path), path));
                var streamed = Outcome(() => SreIncident.From(IncidentDocument.LoadAsync(path, TextReader.Null, CancellationToken.None).GetAwaiter().GetResult()));
                return whole == streamed;
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        });

    private static string Outcome(Func<SreIncident> read)
    {
        try
        {
            return JsonSerializer.Serialize(read(), AlphaJson.Options);
        }
        catch (InvalidInputException ex)
        {
            return "error: " + ex.Message;
        }
    }
}
