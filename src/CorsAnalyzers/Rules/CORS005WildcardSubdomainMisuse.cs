using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS005: wildcard subdomain origins that do not work as written. An origin such as <c>https://*.example.com</c>
/// only matches subdomains once <c>SetIsOriginAllowedToAllowWildcardSubdomains()</c> is in effect (browsers send
/// real hosts, compared ordinally otherwise); that call is dead without such an origin; and a later
/// <c>SetIsOriginAllowed(...)</c> replaces the subdomain check it installed.
/// </summary>
internal static class CORS005WildcardSubdomainMisuse
{
    public const string Id = RuleIds.WildcardSubdomainMisuse;

    /// <summary>Diagnostic property: which misuse, <see cref="Missing"/>, <see cref="Dead"/> or <see cref="Overridden"/>.</summary>
    public const string KindProperty = "Kind";

    /// <summary>A wildcard origin without the call; the first additional location is the step that adds the origin.</summary>
    public const string Missing = "Missing";

    /// <summary>The call with no wildcard origin; the diagnostic is on the call.</summary>
    public const string Dead = "Dead";

    /// <summary>A later <c>SetIsOriginAllowed</c> replaces the call; the additional location is the replaced call.</summary>
    public const string Overridden = "Overridden";

    private const string WildcardMarker = "://*.";
    private const string Call = "SetIsOriginAllowedToAllowWildcardSubdomains()";

    private const string Title = "Wildcard subdomain misuse";
    private const string MessageFormat = "{0} {1}";
    private const string Description =
        "CorsPolicyBuilder compares origins ordinally with the Origin header a browser sends, which always holds a real host. " +
        "An origin such as 'https://*.example.com' therefore matches nothing unless SetIsOriginAllowedToAllowWildcardSubdomains() " +
        "installs the subdomain check; that call does nothing without such an origin; and a later SetIsOriginAllowed(...) replaces it.";

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.UsageCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static readonly RuleDescriptors Descriptors = new(Descriptor);

    public static readonly PolicyRule Rule = new(Descriptors, Check);

    /// <summary>True for an origin of the form ASP.NET Core treats as a subdomain pattern (<c>scheme://*.host</c>).</summary>
    public static bool IsWildcardSubdomain(string? origin) =>
        origin is not null && origin.IndexOf(WildcardMarker, StringComparison.Ordinal) > 0;

    private static void Check(PolicyContext context)
    {
        var states = context.States;
        var live = new HashSet<PolicyStep>();
        var dead = new List<PolicyStep>();
        foreach (var state in states)
        {
            var wildcard = state.Origins?.FirstOrDefault(o => IsWildcardSubdomain(o.Value.Text));
            if (state.OriginPredicate is { Kind: StepKind.SetIsOriginAllowed } predicate
                && state.ReplacedOriginPredicates.LastOrDefault(s => s.Kind == StepKind.SetIsOriginAllowedToAllowWildcardSubdomains) is { } replaced)
            {
                var example = wildcard?.Value.Text is { } text ? $"'{text}'" : "'https://*.example.com'";
                Report(
                    context,
                    predicate.Location,
                    Overridden,
                    ImmutableArray.Create(replaced.Location),
                    $"replaces the subdomain check of the earlier {Call} with this predicate: wildcard origins such as {example} no longer match any subdomain, " +
                    "and only the predicate decides which origins are allowed; keep one of the two");
            }

            if (state.OriginPredicate is null && state.OriginPredicateKnown && state.Origins is { } origins)
            {
                foreach (var origin in origins)
                {
                    if (origin.Step.Kind == StepKind.AllowAnyOrigin || !IsWildcardSubdomain(origin.Value.Text))
                    {
                        continue;
                    }

                    var text = origin.Value.Text!;
                    var host = text.Replace(WildcardMarker, "://app.");
                    var fix = context.Policy.IsPolicyObject
                        ? $"build the policy with CorsPolicyBuilder and call {Call}"
                        : $"add .{Call}";
                    Report(
                        context,
                        origin.Step.ReportLocation(origin.Value),
                        Missing,
                        ImmutableArray.Create(origin.Step.Location),
                        $"lists wildcard origin '{text}' without {Call}: browsers send real origins such as '{host}', which never equal the pattern, " +
                        $"so requests from every subdomain are blocked; {fix}");
                }
            }

            if (state.OriginPredicate is { Kind: StepKind.SetIsOriginAllowedToAllowWildcardSubdomains } current)
            {
                if (state.Origins is { } known && known.All(o => o.Value.Text is { } t && !IsWildcardSubdomain(t)))
                {
                    dead.Add(current);
                }
                else
                {
                    live.Add(current);
                }
            }
        }

        foreach (var step in dead.Distinct())
        {
            // Only the policy's own call: a helper's call may serve other policies that do list a wildcard origin.
            if (live.Contains(step) || !context.Policy.Steps.Contains(step))
            {
                continue;
            }

            Report(
                context,
                step.Location,
                Dead,
                ImmutableArray<Location>.Empty,
                $"calls {Call} but lists no wildcard origin such as 'https://*.example.com': the call only widens origins of that form, " +
                "so it does nothing here; remove it, or list the wildcard origin you meant");
        }
    }

    private static void Report(PolicyContext context, Location location, string kind, ImmutableArray<Location> additional, string message)
    {
        context.Report(Diagnostic.Create(
            context.Descriptor(Descriptors),
            location,
            additional,
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            context.Policy.DisplayName,
            message));
    }
}
