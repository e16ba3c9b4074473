using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alpha.Platform.Specs;

/// <content>Typed field readers: each checks one field and records a located error instead of throwing.</content>
internal sealed partial class SpecBinder
{
    private void Known(JsonObject obj, string path, params string[] allowed)
    {
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key))
            {
                Fail(SpecTree.Child(path, key), $"unknown field; expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    private string? Name(JsonObject obj, string path, string key)
    {
        var value = String(obj, path, key, required: true);
        if (value is not null && !NamePattern().IsMatch(value))
        {
            Fail(SpecTree.Child(path, key), $"'{value}' is not a valid name: start with a letter or digit, then letters, digits, _, - or . (at most 128)");
            return null;
        }

        return value;
    }

    private string? String(JsonObject obj, string path, string key, bool required)
    {
        var field = SpecTree.Child(path, key);
        var node = obj[key];
        if (node is null)
        {
            if (required)
            {
                Fail(field, obj.ContainsKey(key) ? "must not be empty" : "is required");
            }

            return null;
        }

        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            Fail(field, "must be text");
            return null;
        }

        var text = v.GetValue<string>();
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Fail(field, "must not be empty");
            return null;
        }

        return text;
    }

    private string? OneOf(JsonObject obj, string path, string key, IReadOnlyList<string> allowed, bool required)
    {
        var value = String(obj, path, key, required);
        if (value is not null && !allowed.Contains(value))
        {
            Fail(SpecTree.Child(path, key), $"'{value}' is not allowed; use one of {string.Join(", ", allowed)}");
            return null;
        }

        return value;
    }

    private List<string>? StringList(JsonObject obj, string path, string key)
    {
        if (Array(obj, path, key, required: false) is not { } array)
        {
            return null;
        }

        var field = SpecTree.Child(path, key);
        var list = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetValue<string>()))
            {
                var text = v.GetValue<string>();
                if (list.Contains(text))
                {
                    Fail(SpecTree.Item(field, i), $"'{text}' is listed twice");
                }

                list.Add(text);
            }
            else
            {
                Fail(SpecTree.Item(field, i), "must be non-empty text");
            }
        }

        return list;
    }

    private JsonObject? Object(JsonObject obj, string path, string key)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject o)
        {
            Fail(SpecTree.Child(path, key), "must be a mapping (object)");
            return null;
        }

        return o;
    }

    private JsonArray? Array(JsonObject obj, string path, string key, bool required)
    {
        var node = obj[key];
        if (node is null)
        {
            if (required)
            {
                Fail(SpecTree.Child(path, key), obj.ContainsKey(key) ? "must be a list" : "is required");
            }

            return null;
        }

        if (node is not JsonArray a)
        {
            Fail(SpecTree.Child(path, key), "must be a list");
            return null;
        }

        return a;
    }

    private bool? Bool(JsonObject obj, string path, string key)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }

        Fail(SpecTree.Child(path, key), "must be true or false");
        return null;
    }

    private double? Number(JsonObject obj, string path, string key, double min, double max)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        var field = SpecTree.Child(path, key);
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            Fail(field, "must be a number");
            return null;
        }

        var number = double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (number < min || number > max)
        {
            Fail(field, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}"));
            return null;
        }

        return number;
    }

    private double? PositiveNumber(JsonObject obj, string path, string key)
    {
        var number = Number(obj, path, key, double.MinValue, double.MaxValue);
        if (number is <= 0)
        {
            Fail(SpecTree.Child(path, key), "must be greater than 0");
            return null;
        }

        return number;
    }

    private long? PositiveInteger(JsonObject obj, string path, string key)
    {
        var number = Number(obj, path, key, double.MinValue, double.MaxValue);
        if (number is null)
        {
            return null;
        }

        if (number < 1 || number != Math.Floor(number.Value) || number > long.MaxValue)
        {
            Fail(SpecTree.Child(path, key), "must be a whole number of at least 1");
            return null;
        }

        return (long)number.Value;
    }

    private void Fail(string field, string message) => _errors.Add(Error(field, message));

    private SpecError Error(string field, string message) => new(_tree.Source, LineOf(field), field, message);

    // A missing field has no line of its own: the line of the nearest enclosing field, else of the document.
    private int? LineOf(string field) => _tree.LineOf(field) ?? (_tree.Lines.TryGetValue("$", out var root) ? root : null);
}
