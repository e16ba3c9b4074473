namespace Alpha.Runtime.Security;

/// <summary>A vertical's incident model that can hand back a copy with every secret replaced by its marker.</summary>
public interface IRedactableModel
{
    /// <summary>The model redacted by <paramref name="redactor"/>; the same instance when it holds no secret.</summary>
    object Redact(SecretRedactor redactor);
}
