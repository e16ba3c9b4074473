using System.IO.Compression;
using System.Security.Cryptography;

namespace Alpha.Server.Web;

/// <summary>
/// The operator page's files (Web/assets/*), embedded in Alpha.Server at build time as <c>web/NAME</c> resources and
/// read once: the page needs nothing from outside this server (no CDN, no framework).
/// </summary>
internal sealed class WebAssets
{
    private const string Prefix = "web/";
    private readonly Dictionary<string, WebAsset> _assets;

    private WebAssets(Dictionary<string, WebAsset> assets) => _assets = assets;

    /// <summary>The embedded files of this assembly.</summary>
    public static WebAssets Embedded { get; } = Load();

    /// <summary>Every file, by name.</summary>
    public IReadOnlyCollection<WebAsset> All => _assets.Values;

    /// <summary>The file named <paramref name="name"/>, or null.</summary>
    public WebAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static WebAssets Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var name = resource[Prefix.Length..];
            assets[name] = new WebAsset(name, ContentTypeOf(name), content, Gzip(content), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..20]}\"");
        }

        return new WebAssets(assets);
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
