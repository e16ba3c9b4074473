namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// Turns a Kubernetes pod name into the name of its workload (the service), by removing the suffixes Kubernetes
/// generates: <c>-{pod-template-hash}-{5 random}</c> for a Deployment's pods, or a lone <c>-{5 random}</c> with a
/// digit in it (a ReplicaSet's or DaemonSet's pod). Kubernetes draws both from an alphabet without vowels and
/// without 0, 1 and 3 (<c>bcdfghjklmnpqrstvwxz2456789</c>), which is what tells them from a name's own last word.
/// </summary>
public static class NezhaPodNames
{
    private const string Generated = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The service a pod belongs to; the pod name itself when it carries no generated suffix.</summary>
    public static string ServiceOf(string pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var parts = pod.Split('-');
        if (parts.Length >= 3 && IsGenerated(parts[^1], 5, 5) && IsGenerated(parts[^2], 6, 10))
        {
            return string.Join('-', parts[..^2]);
        }

        if (parts.Length >= 2 && IsGenerated(parts[^1], 5, 5) && parts[^1].Any(char.IsAsciiDigit))
        {
            return string.Join('-', parts[..^1]);
        }

        return pod;
    }

    private static bool IsGenerated(string part, int minLength, int maxLength) =>
        part.Length >= minLength && part.Length <= maxLength && part.All(c => Generated.Contains(c, StringComparison.Ordinal));
}
