using System.Linq;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS009: a loopback origin (<c>localhost</c>, <c>127.x.x.x</c>, <c>[::1]</c>, any port, http or https) in a policy
/// that runs outside development. In production it lets whatever a visitor runs on their own machine (a dev server,
/// a local tool, malware listening on a port) read the API's responses, with the visitor's cookies if credentials are on.
/// </summary>
internal static class CORS009DevelopmentOriginInProductionPolicy
{
    public const string Id = RuleIds.DevelopmentOriginInProductionPolicy;

    private const string Title = "Development origin in a production policy";
    private const string MessageFormat =
        "{0} allows the development origin '{1}' outside development: in production, any page served from {2} on a visitor's machine " +
        "(a dev server, a local tool, malware) can read these responses{3}. Read development origins from appsettings.Development.json, " +
        "or add them under IsDevelopment().";
    private const string Description =
        "A loopback origin is meant for local development. A policy that is not confined to development keeps allowing it in production, " +
        "where it no longer means the developer's front end but whatever runs on the visitor's own machine.";

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

        foreach (var state in context.States)
        {
            if (state.Origins is not { } origins || !state.OriginListDecides)
            {
                continue;
            }

            foreach (var entry in origins)
            {
                if (entry.Value.Text is not { } text || EnvironmentChecks.IsDevelopmentOnly(entry.Step))
                {
                    continue;
                }

                var origin = OriginText.Parse(text, CORS004OriginNeverMatches.MatchingOf(entry.Step));
                var loopback = IsDevelopmentOrigin(origin)
                    ? origin
                    : origin.Parts.Select(p => OriginText.Parse(p, CORS004OriginNeverMatches.MatchingOf(entry.Step))).FirstOrDefault(IsDevelopmentOrigin);
                if (loopback is null)
                {
                    continue;
                }

                context.Report(Diagnostic.Create(
                    context.Descriptor(Descriptors),
                    entry.Value.Location,
                    context.Policy.DisplayName,
                    text,
                    loopback.Host!.ToLowerInvariant(),
                    state.Credentials == true ? ", with the visitor's cookies" : string.Empty));
            }
        }
    }

    /// <summary>A loopback host over http or https, or written without a scheme; app schemes such as capacitor://localhost are real production origins.</summary>
    private static bool IsDevelopmentOrigin(OriginText origin) =>
        origin.IsLoopback && (origin.Scheme is null || origin.IsHttp);
}
