using System.Text.RegularExpressions;
using Alpha.Runtime.Security;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Alpha.Server.Models;

/// <summary>Reads and checks one vLLM profile file; every problem is reported with its field and line, none is thrown.</summary>
internal static partial class LlmProfileReader
{
    private static readonly string[] Fields = ["base_url", "models", "api_key_env", "description"];

    public static LlmProfile Read(string file, string text)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var errors = new List<ProfileError>();
        Uri? baseUrl = null;
        var models = new List<string>();
        string? keyEnv = null;
        string? description = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new ProfileError("$", ex.Start.Line, $"is not valid YAML: {SecretRedactor.Default.Redact(ex.Message)}"));
            return new LlmProfile(name, file, null, models, null, null, errors);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new ProfileError("$", 1, "must be a mapping with base_url and models, e.g. base_url: http://gpu-box:8000/v1"));
            return new LlmProfile(name, file, null, models, null, null, errors);
        }

        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var line = keyNode.Start.Line;
            seen.Add(key);
            switch (key)
            {
                case "base_url":
                    var url = Scalar(value);
                    if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                    {
                        errors.Add(new ProfileError(key, line, $"'{SecretRedactor.Default.Redact(url ?? string.Empty)}' is not an absolute http(s) URL, e.g. http://gpu-box:8000/v1"));
                    }
                    else if (parsed.UserInfo.Length > 0)
                    {
                        errors.Add(new ProfileError(key, line, "must not carry credentials (user:password@); put the key in an environment variable and name it with api_key_env"));
                    }
                    else
                    {
                        baseUrl = parsed;
                    }

                    break;
                case "models":
                    if (value is not YamlSequenceNode list || list.Children.Count == 0)
                    {
                        errors.Add(new ProfileError(key, line, "must be a list of at least one served model id, e.g. [meta-llama/Llama-3.1-8B-Instruct]"));
                        break;
                    }

                    foreach (var item in list.Children)
                    {
                        if (Scalar(item) is { Length: > 0 } model)
                        {
                            models.Add(model);
                        }
                        else
                        {
                            errors.Add(new ProfileError(key, item.Start.Line, "each model must be a non-empty model id"));
                        }
                    }

                    break;
                case "api_key_env":
                    keyEnv = Scalar(value);
                    if (keyEnv is null || !VariableName().IsMatch(keyEnv))
                    {
                        errors.Add(new ProfileError(key, line, "must be an environment variable name such as VLLM_API_KEY"));
                        keyEnv = null;
                    }

                    break;
                case "description":
                    description = Scalar(value);
                    break;
                case "api_key" or "key" or "token" or "password":
                    // Never echo the value: it is a secret that should not be in the file at all.
                    errors.Add(new ProfileError(key, line, "keys never live in a profile: put the key in an environment variable and name it with api_key_env"));
                    break;
                default:
                    errors.Add(new ProfileError(key, line, $"is not a profile field; use {string.Join(", ", Fields)}"));
                    break;
            }
        }

        foreach (var (field, example) in new[] { ("base_url", "base_url: http://gpu-box:8000/v1"), ("models", "models: [meta-llama/Llama-3.1-8B-Instruct]") })
        {
            if (!seen.Contains(field))
            {
                errors.Add(new ProfileError(field, null, $"is required, e.g. {example}"));
            }
        }

        return new LlmProfile(name, file, baseUrl, models, keyEnv, description, errors);
    }

    private static string? Scalar(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value?.Trim() : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
