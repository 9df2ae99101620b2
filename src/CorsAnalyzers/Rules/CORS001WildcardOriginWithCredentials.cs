using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS001: one policy allows any origin (<c>AllowAnyOrigin()</c>, <c>WithOrigins("*")</c>, <c>Origins.Add("*")</c>)
/// and supports credentials. ASP.NET Core refuses the combination: <c>CorsPolicyBuilder.Build()</c> throws
/// InvalidOperationException, and a hand-built <c>CorsPolicy</c> makes <c>CorsService</c> throw on each request.
/// </summary>
internal static class CORS001WildcardOriginWithCredentials
{
    public const string Id = RuleIds.WildcardOriginWithCredentials;

    /// <summary>Diagnostic property: how the wildcard is written, <see cref="AllowAnyOrigin"/> or <see cref="OriginValue"/>.</summary>
    public const string WildcardProperty = "Wildcard";

    /// <summary>Diagnostic property: how credentials are turned on, <see cref="AllowCredentials"/> or <see cref="SupportsCredentials"/>.</summary>
    public const string CredentialsProperty = "Credentials";

    public const string AllowAnyOrigin = "AllowAnyOrigin";
    public const string OriginValue = "Origin";
    public const string AllowCredentials = "AllowCredentials";
    public const string SupportsCredentials = "SupportsCredentials";

    private const string Title = "Wildcard origin with credentials";
    private const string MessageFormat =
        "{0} allows any origin together with credentials: {1}. Browsers never accept 'Access-Control-Allow-Origin: *' on a credentialed request, " +
        "so allow explicit origins or drop credentials.";
    private const string Description =
        "The CORS protocol forbids a wildcard origin on credentialed requests, and ASP.NET Core enforces it: CorsPolicyBuilder.Build() " +
        "throws InvalidOperationException, so the app fails at startup (AddPolicy, AddDefaultPolicy) or at the UseCors/RequireCors call, " +
        "and a hand-built CorsPolicy makes every request with an Origin header fail with a 500.";

    private const string FrameworkMessage =
        "'The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time'";

    /// <summary>Reported at the end of the block that holds the whole policy, so the IDE shows it as you type.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.SecurityCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    /// <summary>The same rule for policies spread over helper methods in other places, judged once the whole compilation is seen.</summary>
    public static readonly DiagnosticDescriptor CompilationEndRule = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.SecurityCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static void Check(PolicyFragment policy, PolicyState state, DiagnosticDescriptor descriptor, Dictionary<Location, Diagnostic> found)
    {
        if (state.Credentials != true || state.Origins is not { Count: 1 } origins || origins[0].Value.Text != "*")
        {
            return;
        }

        var wildcard = origins[0];
        if (found.ContainsKey(wildcard.Value.Location))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(WildcardProperty, wildcard.Step.Kind == StepKind.AllowAnyOrigin ? AllowAnyOrigin : OriginValue)
            .Add(CredentialsProperty, state.CredentialSteps.All(s => s.Kind == StepKind.AllowCredentials) ? AllowCredentials : SupportsCredentials);

        found[wildcard.Value.Location] = Diagnostic.Create(
            descriptor,
            wildcard.Value.Location,
            state.CredentialSteps.Select(s => s.Location),
            properties,
            policy.DisplayName,
            Symptom(policy.Entry));
    }

    private static string Symptom(PolicyEntry entry) => entry switch
    {
        PolicyEntry.AddPolicy or PolicyEntry.AddDefaultPolicy =>
            $"the app fails at startup with InvalidOperationException {FrameworkMessage} when the CORS middleware is created, even if the policy is never used",
        PolicyEntry.UseCors => $"this UseCors call throws InvalidOperationException {FrameworkMessage} at startup",
        PolicyEntry.RequireCors => $"this RequireCors call throws InvalidOperationException {FrameworkMessage} at startup",
        PolicyEntry.PolicyObject => $"every request with an Origin header gets a 500 because CorsService throws ArgumentException {FrameworkMessage}",
        _ => $"Build() throws InvalidOperationException {FrameworkMessage}",
    };
}
