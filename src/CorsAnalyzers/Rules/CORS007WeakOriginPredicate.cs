using System.Collections.Immutable;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS007: the policy's origin predicate checks the origin with a substring, prefix or suffix test (or an unanchored
/// regular expression) that look-alike origins such as <c>https://example.com.evil.net</c> or
/// <c>https://evilexample.com</c> also pass. No code fix: the intended set of origins cannot be read from the check.
/// </summary>
internal static class CORS007WeakOriginPredicate
{
    public const string Id = RuleIds.WeakOriginPredicate;

    private const string Title = "Weak origin predicate";
    private const string MessageFormat =
        "{0} checks the origin with '{1}', which look-alike origins also pass ({2}), so a site anyone can register can read the responses. " +
        "Compare the whole host (new Uri(origin).Host == \"example.com\" || host.EndsWith(\".example.com\")) or use WithOrigins(...) with SetIsOriginAllowedToAllowWildcardSubdomains().";
    private const string Description =
        "SetIsOriginAllowed replaces the exact origin comparison of WithOrigins. A Contains, StartsWith or EndsWith test without a leading dot, " +
        "or a regular expression without ^ and $ anchors, accepts origins such as https://example.com.evil.net or https://evilexample.com, " +
        "which anyone can register; the CORS middleware then echoes them in Access-Control-Allow-Origin.";

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

    public static readonly PolicyRule Rule = new(Descriptors, Check);

    private static void Check(PolicyContext context)
    {
        foreach (var state in context.States)
        {
            if (!state.OriginPredicateKnown || state.OriginPredicate is not { Kind: StepKind.SetIsOriginAllowed } predicate
                || state.Origins is { Count: 1 } origins && origins[0].Value.Text == "*")
            {
                continue; // no predicate, or AllowAnyOrigin makes it irrelevant
            }

            var verdict = OriginPredicates.Analyze(predicate);
            if (verdict.Kind != PredicateKind.Weak || verdict.Check is not { } check)
            {
                continue;
            }

            // Point at the weak check itself when it is in the policy's file; otherwise at SetIsOriginAllowed, with the check as a further location.
            var checkLocation = check.GetLocation();
            var sameFile = check.SyntaxTree == predicate.Location.SourceTree;
            var location = sameFile ? checkLocation : predicate.Location;
            var bypass = verdict.Bypass is { } origin ? $"e.g. '{origin}'" : "any origin that merely contains a match";
            context.Report(Diagnostic.Create(
                context.Descriptor(Descriptors),
                location,
                sameFile ? ImmutableArray<Location>.Empty : ImmutableArray.Create(checkLocation),
                ImmutableDictionary<string, string?>.Empty,
                context.Policy.DisplayName,
                OriginPredicates.Snippet(checkLocation, 80),
                bypass));
        }
    }
}
