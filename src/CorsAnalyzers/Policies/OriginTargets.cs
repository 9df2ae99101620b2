namespace CorsAnalyzers.Policies;

/// <summary>
/// The diagnostic property that tells a fixer which origin expression a policy diagnostic points at, shared by every
/// rule whose fix substitutes the configured origins (CORS001, CORS002, CORS003).
/// </summary>
internal static class OriginTargets
{
    /// <summary>The property key (kept as CORS001 first shipped it).</summary>
    public const string Property = "Wildcard";

    /// <summary><c>AllowAnyOrigin()</c>: the call is replaced.</summary>
    public const string AllowAnyOrigin = "AllowAnyOrigin";

    /// <summary>A value in <c>WithOrigins(...)</c> or <c>new CorsPolicyBuilder(...)</c>: the argument list is replaced.</summary>
    public const string OriginValue = "Origin";

    /// <summary><c>policy.Origins.Add("*")</c> / <c>Origins = { "*" }</c> on a hand-built policy: no array to substitute.</summary>
    public const string PolicyOrigin = "PolicyOrigin";

    /// <summary><c>SetIsOriginAllowed(...)</c>: the call is replaced.</summary>
    public const string SetIsOriginAllowed = "SetIsOriginAllowed";

    /// <summary><c>IsOriginAllowed = ...</c> on a hand-built policy: no array to substitute.</summary>
    public const string IsOriginAllowed = "IsOriginAllowed";

    /// <summary>The target for the step that put an origin (or a predicate) in place.</summary>
    public static string For(PolicyStep step) => step.Kind switch
    {
        StepKind.AllowAnyOrigin => AllowAnyOrigin,
        StepKind.AddOrigin => PolicyOrigin,
        StepKind.SetIsOriginAllowed => step.Operation is Microsoft.CodeAnalysis.Operations.IInvocationOperation ? SetIsOriginAllowed : IsOriginAllowed,
        _ => OriginValue,
    };
}
