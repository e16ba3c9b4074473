using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// The wire names of an enum, exactly as System.Text.Json writes them: a member's
/// <see cref="JsonStringEnumMemberNameAttribute"/> when it has one, else its snake_case name
/// (<see cref="JsonNamingPolicy.SnakeCaseLower"/>: <c>TimedOut</c> is <c>timed_out</c>). One source for JSON,
/// database columns, CLI options and messages, so no enum needs a hand-written name table.
/// </summary>
public static class JsonEnumNames
{
    /// <summary>Every name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Cache<T>.All;

    /// <summary>The name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a declared member.</exception>
    public static string ToName<T>(T value)
        where T : struct, Enum =>
        Cache<T>.Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a declared {typeof(T).Name}.");

    /// <summary>The member named <paramref name="name"/> (exact, case-sensitive).</summary>
    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum
    {
        if (name is not null && Cache<T>.Values.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The member named <paramref name="name"/>; <paramref name="what"/> names the kind of value in the error.</summary>
    /// <exception cref="FormatException">No member has that name; the message lists the names.</exception>
    public static T Parse<T>(string name, string what)
        where T : struct, Enum =>
        TryParse<T>(name, out var value) ? value : throw new FormatException($"'{name}' is not a {what}; use one of {string.Join(", ", Cache<T>.All)}.");

    private static class Cache<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(
                f => (T)f.GetValue(null)!,
                f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Name));

        public static readonly Dictionary<string, T> Values = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> All = [.. Enum.GetValues<T>().Select(v => Names[v])];
    }
}
