using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Configuration;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS302: an origin in an appsettings file that a policy reads (through the configuration key its code reads) and that
/// CORS004 or CORS006 would flag if it were written in code: a value no browser sends (trailing slash, path, default
/// port, missing scheme, whitespace, a wildcard subdomain without SetIsOriginAllowedToAllowWildcardSubdomains()) or
/// 'null'. Reported inside the JSON file, at the value. The classification is the policy rules' own (OriginText).
/// </summary>
internal static class CORS302MalformedOriginInConfiguration
{
    public const string Id = RuleIds.MalformedOriginInConfiguration;

    /// <summary>Diagnostic property: the corrected origin, when there is exactly one way to write the value.</summary>
    public const string CorrectedProperty = "Corrected";

    private const string Title = "Malformed origin in configuration";
    private const string MessageFormat = "The origin '{0}' at '{1}' in {2}, read by {3}, {4}";
    private const string Description =
        "Origins read from configuration are compared with the browser's Origin header exactly as the policy rules CORS004 and CORS006 " +
        "describe: a value with a trailing slash, a path, a default port, surrounding whitespace or no scheme never matches, and 'null' " +
        "lets any website in through a sandboxed iframe. The value is in an appsettings file, where the compiler never sees it.";

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

    public static readonly PolicyRule Rule = new(Descriptors, Check, needsEnvironment: true);

    private static void Check(PolicyContext context)
    {
        var reads = ConfiguredOriginRead.Of(context);
        if (reads.Count == 0 || context.Configuration?.Get(context.CancellationToken) is not { } settings)
        {
            return;
        }

        // The origin list decides on some path (no custom predicate replaced it); wildcard subdomains need the subdomain check.
        if (!context.States.Any(s => s.OriginListDecides))
        {
            return;
        }

        var subdomainCheck = context.States.Any(s => s.OriginPredicate?.Kind == StepKind.SetIsOriginAllowedToAllowWildcardSubdomains);
        var developmentOnly = context.Environment == PolicyEnvironment.Development;
        foreach (var read in reads)
        {
            if (read.Form == ConfigurationReadForm.Split)
            {
                continue; // how the value splits is CORS010's question
            }

            foreach (var file in settings.Files)
            {
                if (!file.IsValid || (developmentOnly && file.Environment is { } environment
                    && !string.Equals(environment, AppSettings.Development, System.StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var values = read.Form == ConfigurationReadForm.List
                    ? file.Children(read.Key)
                    : file.Get(read.Key) is { } scalar ? new[] { scalar } : Enumerable.Empty<JsonSetting>();
                foreach (var setting in values)
                {
                    if (setting.Kind != JsonSettingKind.String || setting.Value is not { } text
                        || Explain(text, read.Matching, subdomainCheck, out var corrected) is not { } why)
                    {
                        continue;
                    }

                    var properties = corrected is null
                        ? ImmutableDictionary<string, string?>.Empty
                        : ImmutableDictionary<string, string?>.Empty.Add(CorrectedProperty, corrected);
                    context.Report(Diagnostic.Create(
                        context.Descriptor(Descriptors),
                        file.LocationOf(setting),
                        ImmutableArray.Create(read.Location),
                        properties,
                        text,
                        setting.Path,
                        file.Name,
                        context.Policy.DisplayName,
                        why));
                }
            }
        }
    }

    /// <summary>What CORS004/CORS006 would say about the value; null when it is a working origin (or '*', CORS303's concern).</summary>
    private static string? Explain(string text, OriginMatching matching, bool subdomainCheck, out string? corrected)
    {
        corrected = null;
        var origin = OriginText.Parse(text, matching);
        switch (origin.Kind)
        {
            case OriginKind.NeverMatches:
                corrected = (origin.Problems & (OriginProblems.List | OriginProblems.MissingScheme)) == 0 ? origin.Corrected : null;
                return "never matches: " + CORS004OriginNeverMatches.Explain(origin, matching);
            case OriginKind.Null:
                return "lets any website read the responses: sandboxed iframes, file:// pages and redirected requests all send " +
                    "'Origin: null', so any site can run its script in a sandboxed iframe and pass. Remove 'null'.";
            case OriginKind.WildcardSubdomain when !subdomainCheck:
                return "never matches: browsers send real origins, which never equal the pattern, and the policy does not call " +
                    "SetIsOriginAllowedToAllowWildcardSubdomains(), so requests from every subdomain are blocked; list the subdomains, " +
                    "or add .SetIsOriginAllowedToAllowWildcardSubdomains() to the policy";
            default:
                return null;
        }
    }
}
