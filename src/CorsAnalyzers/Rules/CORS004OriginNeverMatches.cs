using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS004: an origin constant that no browser ever sends. Browsers send <c>scheme://host[:port]</c> (lower case, no
/// default port, no slash, path or query) and ASP.NET Core compares ordinally after lower-casing (WithOrigins) or as
/// written (a hand-built CorsPolicy), so <c>"https://app.example.com/"</c> silently allows nobody.
/// </summary>
internal static class CORS004OriginNeverMatches
{
    public const string Id = RuleIds.OriginNeverMatches;

    /// <summary>Diagnostic property: <see cref="OriginMatching"/> of the entry (WithOrigins lower-cases, a hand-built policy does not).</summary>
    public const string MatchingProperty = "Matching";

    private const string Title = "Origin can never match";
    private const string MessageFormat = "{0} lists the origin '{1}', which never matches: {2}";
    private const string Description =
        "Browsers send the Origin header as scheme://host[:port]: lower case, without a trailing slash, path, query, default port " +
        "(:443 on https, :80 on http) or whitespace. WithOrigins only lower-cases the value and CORS compares it ordinally, so an origin " +
        "written any other way allows no request at all, and the browser reports the call as blocked by CORS policy.";

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

    /// <summary>How the origins of a step are compared: as written for a hand-built policy, lower-cased otherwise.</summary>
    public static OriginMatching MatchingOf(PolicyStep step) => step.Kind == StepKind.AddOrigin ? OriginMatching.Exact : OriginMatching.Normalized;

    private static void Check(PolicyContext context)
    {
        foreach (var state in context.States)
        {
            if (state.Origins is not { } origins || !state.OriginListDecides)
            {
                continue;
            }

            foreach (var entry in origins)
            {
                if (entry.Value.Text is not { } text || entry.Step.Kind == StepKind.AllowAnyOrigin)
                {
                    continue;
                }

                var matching = MatchingOf(entry.Step);
                var origin = OriginText.Parse(text, matching);
                if (origin.Kind != OriginKind.NeverMatches)
                {
                    continue;
                }

                context.Report(Diagnostic.Create(
                    context.Descriptor(Descriptors),
                    entry.Value.Location,
                    ImmutableDictionary<string, string?>.Empty.Add(MatchingProperty, matching.ToString()),
                    context.Policy.DisplayName,
                    text,
                    Explain(origin, matching)));
            }
        }
    }

    /// <summary>Why no browser sends the value, what requests are blocked, and how to write it.</summary>
    public static string Explain(OriginText origin, OriginMatching matching)
    {
        var problems = origin.Problems;
        if ((problems & OriginProblems.List) != 0)
        {
            var parts = origin.Parts;
            return parts.Count switch
            {
                0 => "it holds only separators, so it allows no origin",
                1 => $"browsers send one origin with nothing around it, so requests from {parts[0]} are blocked; write '{origin.Corrected ?? parts[0]}'",
                _ => $"it is one string holding several origins, and browsers send one origin, so requests from {Join(parts)} are all blocked; pass each origin as its own value",
            };
        }

        if ((problems & OriginProblems.Empty) != 0)
        {
            return "it is empty, so it allows no origin";
        }

        if ((problems & OriginProblems.FileScheme) != 0)
        {
            return "pages opened from file:// send 'Origin: null', never a file:// origin";
        }

        if ((problems & OriginProblems.MissingScheme) != 0)
        {
            return origin.Suggested is { } suggested
                ? $"browsers always send the scheme, so requests from {suggested} are blocked; write '{suggested}' (or the scheme the page really uses)"
                : "browsers always send the origin as scheme://host[:port], so it allows no origin";
        }

        if (origin.Corrected is not { } corrected)
        {
            return origin.Kind == OriginKind.NeverMatches && origin.Scheme is null
                ? "browsers send exactly '*' or 'null', never a variant of them, so it allows no origin"
                : "browsers send the origin as scheme://host[:port], so it allows no origin";
        }

        var reasons = new List<string>();
        Add(reasons, problems, OriginProblems.Whitespace, "without surrounding whitespace");
        Add(reasons, problems, OriginProblems.UserInfo, "without user info");
        Add(reasons, problems, OriginProblems.TrailingSlash, "without a trailing slash");
        Add(reasons, problems, OriginProblems.Path, "without a path");
        Add(reasons, problems, OriginProblems.Query, "without a query");
        Add(reasons, problems, OriginProblems.Fragment, "without a fragment");
        Add(reasons, problems, OriginProblems.DefaultPort, $"without the default port :{origin.Port}");
        Add(reasons, problems, OriginProblems.EmptyPort, "without an empty port");
        Add(reasons, problems, OriginProblems.PortFormat, $"with the port written as {origin.Port}");
        Add(reasons, problems, OriginProblems.NonAsciiHost, "with the host in punycode");
        Add(reasons, problems, OriginProblems.UpperCase, "in lower case");
        var why = reasons.Count == 0 ? "browsers send it differently" : "browsers send origins " + string.Join(" and ", reasons);
        if (matching == OriginMatching.Exact && (problems & (OriginProblems.UpperCase | OriginProblems.NonAsciiHost)) != 0)
        {
            why += " (a hand-built CorsPolicy compares its Origins exactly as written)";
        }

        return $"{why}, so requests from {corrected.ToLowerInvariant()} are blocked; write '{corrected}'";
    }

    private static void Add(List<string> reasons, OriginProblems problems, OriginProblems problem, string reason)
    {
        if ((problems & problem) != 0)
        {
            reasons.Add(reason);
        }
    }

    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Join(string.Empty, parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[parts.Count - 1];
}
