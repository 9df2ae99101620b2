using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS008: <c>"*"</c> sits among other origins (<c>WithOrigins("*", "https://a.com")</c>, or <c>AllowAnyOrigin()</c>
/// followed by <c>WithOrigins(...)</c>). A policy allows any origin only when <c>"*"</c> is its one origin; otherwise
/// <c>"*"</c> is an ordinary string no browser sends, and only the explicit origins are allowed.
/// </summary>
internal static class CORS008WildcardLostAmongExplicitOrigins
{
    public const string Id = RuleIds.WildcardLostAmongExplicitOrigins;

    /// <summary>Diagnostic property, present when every end state of the policy has credentials off (keeping the wildcard is then valid).</summary>
    public const string CredentialsOffProperty = "CredentialsOff";

    private const string Title = "Wildcard lost among explicit origins";
    private const string MessageFormat =
        "{0} lists '*' together with {1}: '*' then counts as an ordinary origin that no browser sends, so only {2} allowed, not any origin. " +
        "Keep either the explicit origins or the wildcard.";
    private const string Description =
        "ASP.NET Core allows any origin only when '*' is the policy's single origin (CorsPolicy.AllowAnyOrigin). AllowAnyOrigin() followed " +
        "by WithOrigins(...), or '*' listed with other origins, leaves '*' as a literal string compared with the request's Origin header, so " +
        "every origin but the explicit ones is blocked.";

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

    private static void Check(PolicyContext context)
    {
        var credentialsOff = context.States.All(s => s.Credentials == false);
        foreach (var state in context.States)
        {
            if (state.Origins is not { Count: > 1 } origins || !state.OriginListDecides)
            {
                continue;
            }

            var others = origins.Where(o => !IsWildcard(o)).ToList();
            if (others.Count == 0)
            {
                continue; // "*" twice is still one wildcard origin only in name; nothing explicit was meant
            }

            foreach (var wildcard in origins.Where(IsWildcard))
            {
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (credentialsOff)
                {
                    properties = properties.Add(CredentialsOffProperty, "true");
                }

                context.Report(Diagnostic.Create(
                    context.Descriptor(Descriptors),
                    wildcard.Value.Location,
                    others.Select(o => o.Value.Location),
                    properties,
                    context.Policy.DisplayName,
                    Describe(others),
                    Allowed(others)));
            }
        }
    }

    private static bool IsWildcard(OriginEntry entry) => entry.Value.Text == "*";

    private static string Describe(List<OriginEntry> others) => others.Count == 1 ? "another origin" : "other origins";

    private static string Allowed(List<OriginEntry> others)
    {
        var known = others.Where(o => o.Value.Text is not null).Select(o => o.Value.Text!).Distinct().ToList();
        if (known.Count != others.Count || known.Count > 3)
        {
            return "the explicit origins are";
        }

        return known.Count == 1 ? $"{known[0]} is" : string.Join(", ", known.Take(known.Count - 1)) + " and " + known[known.Count - 1] + " are";
    }
}
