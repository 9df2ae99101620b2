using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS002: the policy's origin predicate returns true for every origin (<c>SetIsOriginAllowed(_ => true)</c>, a method
/// that returns true, <c>IsOriginAllowed = _ => true</c>) and credentials are on. ASP.NET Core accepts this and echoes
/// whatever origin asks (even <c>null</c>) with <c>Access-Control-Allow-Credentials: true</c>. A policy confined to
/// development (under <c>IsDevelopment()</c>) is exempt: only the developer's own browser and data are exposed there.
/// </summary>
internal static class CORS002AnyOriginReflectedWithCredentials
{
    public const string Id = RuleIds.AnyOriginReflectedWithCredentials;

    private const string Title = "Any origin reflected with credentials";
    private const string MessageFormat =
        "{0} accepts every origin with credentials: the predicate in {1} returns true for any origin (even 'null'), so ASP.NET Core echoes it in " +
        "Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true and any website can read your users' authenticated responses. " +
        "List the allowed origins with WithOrigins(...) instead.";
    private const string Description =
        "Unlike AllowAnyOrigin(), an always-true SetIsOriginAllowed predicate passes CorsPolicyBuilder.Build() together with AllowCredentials(). " +
        "At runtime the CORS middleware reflects the request's Origin header, whatever it is, and allows credentials, so a page on any site can " +
        "send the user's cookies or Authorization header to this API and read the response.";

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
        if (context.Environment == PolicyEnvironment.Development)
        {
            return;
        }

        foreach (var state in context.States)
        {
            if (state.Credentials != true || !state.OriginPredicateKnown || state.OriginPredicate is not { Kind: StepKind.SetIsOriginAllowed } predicate
                || state.Origins is { Count: 1 } origins && origins[0].Value.Text == "*")
            {
                continue; // no credentials, no predicate, or AllowAnyOrigin wins (CORS001 reports that)
            }

            if (OriginPredicates.Analyze(predicate).Kind != PredicateKind.AlwaysTrue)
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(OriginTargets.Property, OriginTargets.For(predicate));
            context.Report(Diagnostic.Create(
                context.Descriptor(Descriptors),
                predicate.Location,
                state.CredentialSteps.Select(s => s.Location),
                properties,
                context.Policy.DisplayName,
                OriginPredicates.Snippet(predicate.Location)));
        }
    }
}
