namespace Aquila.Security;

/// <summary>Outcome of an authorisation check; a host maps a denial to gRPC PermissionDenied with <see cref="Message"/>.</summary>
public readonly record struct AuthorizationResult
{
    private AuthorizationResult(bool isAllowed, string message)
    {
        IsAllowed = isAllowed;
        Message = message;
    }

    /// <summary>True when the caller may go on.</summary>
    public bool IsAllowed { get; }

    /// <summary>Why access was denied (names party, role and serial only); empty when allowed.</summary>
    public string Message { get; }

    /// <summary>Access granted.</summary>
    public static AuthorizationResult Allowed { get; } = new(true, "");

    /// <summary>Access denied with a message for the caller.</summary>
    public static AuthorizationResult Denied(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new AuthorizationResult(false, message);
    }
}
