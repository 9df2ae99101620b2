using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS003: a policy that runs outside development allows every origin: <c>AllowAnyOrigin()</c>, <c>WithOrigins("*")</c>
/// on its own, or an always-true <c>SetIsOriginAllowed</c>. With credentials on, CORS001 or CORS002 reports the policy
/// instead (as an error), so this rule stays silent there.
/// </summary>
internal static class CORS003PermissiveOriginOutsideDevelopment
{
    public const string Id = RuleIds.PermissiveOriginOutsideDevelopment;

    private const string Title = "Permissive origin outside development";
    private const string MessageFormat =
        "{0} allows every origin outside development with {1}: any website a user visits can call this API from the user's browser and read the responses. " +
        "Read the allowed origins from configuration with WithOrigins(...), or confine this policy to IsDevelopment().";
    private const string Description =
        "A policy that allows any origin is convenient while developing against a local front end, but in production it lets every site on the web " +
        "read responses from the API through its visitors' browsers (including responses that depend on their network position, such as intranet APIs).";

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.SecurityCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static readonly RuleDescriptors Descriptors = new(Descriptor);

    public static readonly PolicyRule Rule = new(Descriptors, Check, needsEnvironment: true);

    private static void Check(PolicyContext context)
    {
        if (context.Environment != PolicyEnvironment.Production)
        {
            return;
        }

        var owned = new HashSet<Location>();
        var found = new List<(Location Location, PolicyStep Step)>();
        foreach (var state in context.States)
        {
            (Location Location, PolicyStep Step)? permissive = null;
            if (state.Origins is { Count: 1 } origins && origins[0].Value.Text == "*")
            {
                permissive = (origins[0].Value.Location, origins[0].Step);
            }
            else if (state.OriginPredicateKnown && state.OriginPredicate is { Kind: StepKind.SetIsOriginAllowed } predicate
                && OriginPredicates.Analyze(predicate).Kind == PredicateKind.AlwaysTrue)
            {
                permissive = (predicate.Location, predicate);
            }

            if (permissive is not { } value)
            {
                continue;
            }

            if (state.Credentials == true)
            {
                owned.Add(value.Location); // CORS001 / CORS002 report this one as an error
            }
            else
            {
                found.Add(value);
            }
        }

        foreach (var (location, step) in found)
        {
            if (owned.Contains(location))
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(OriginTargets.Property, OriginTargets.For(step));
            context.Report(Diagnostic.Create(
                context.Descriptor(Descriptors),
                location,
                additionalLocations: null,
                properties,
                context.Policy.DisplayName,
                OriginPredicates.Snippet(step.Location)));
        }
    }
}
