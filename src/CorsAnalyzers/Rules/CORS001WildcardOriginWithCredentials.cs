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
    public const string WildcardProperty = OriginTargets.Property;

    /// <summary>Diagnostic property: how credentials are turned on, <see cref="AllowCredentials"/> or <see cref="SupportsCredentials"/>.</summary>
    public const string CredentialsProperty = "Credentials";

    public const string AllowAnyOrigin = OriginTargets.AllowAnyOrigin;
    public const string OriginValue = OriginTargets.OriginValue;
    public const string PolicyOrigin = OriginTargets.PolicyOrigin;
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

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.SecurityCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static readonly RuleDescriptors Descriptors = new(Descriptor);

    public static readonly PolicyRule Rule = new(Descriptors, Check);

    private static void Check(PolicyContext context)
    {
        foreach (var state in context.States)
        {
            if (state.Credentials != true || state.Origins is not { Count: 1 } origins || origins[0].Value.Text != "*")
            {
                continue;
            }

            var wildcard = origins[0];
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(WildcardProperty, OriginTargets.For(wildcard.Step))
                .Add(CredentialsProperty, state.CredentialSteps.All(s => s.Kind == StepKind.AllowCredentials) ? AllowCredentials : SupportsCredentials);

            context.Report(Diagnostic.Create(
                context.Descriptor(Descriptors),
                wildcard.Value.Location,
                state.CredentialSteps.Select(s => s.Location),
                properties,
                context.Policy.DisplayName,
                Symptom(context.Policy.Entry)));
        }
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
