namespace Alpha.Server.Web;

/// <summary>One file of the operator page, as embedded in this assembly: its bytes, gzipped bytes and strong ETag.</summary>
/// <param name="Name">The file name under <c>/web/</c>.</param>
/// <param name="ContentType">The media type it is served with.</param>
/// <param name="Content">The bytes as written.</param>
/// <param name="Gzipped">The same bytes gzip-compressed (served when the browser accepts gzip).</param>
/// <param name="ETag">A quoted hash of <paramref name="Content"/>: a browser revalidates and gets 304 while it holds this version.</param>
internal sealed record WebAsset(string Name, string ContentType, byte[] Content, byte[] Gzipped, string ETag);
