using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS006: <c>"null"</c> among a policy's origins. Browsers send <c>Origin: null</c> from sandboxed iframes, file://
/// pages, data: URLs and some cross-origin redirects, so allowing it lets any site read the responses: it only has
/// to load its script in a sandboxed iframe.
/// </summary>
internal static class CORS006NullOriginAllowed
{
    public const string Id = RuleIds.NullOriginAllowed;

    private const string Title = "'null' origin allowed";
    private const string MessageFormat =
        "{0} allows the origin 'null': sandboxed iframes, file:// pages and redirected requests all send 'Origin: null', " +
        "so any website can read these responses by running its script in a sandboxed iframe{1}. Remove 'null'.";
    private const string Description =
        "The 'null' origin is not one page: browsers send it for every opaque origin (sandboxed iframes and documents, file:// pages, " +
        "data: URLs, requests redirected across origins). Any attacker can produce it with <iframe sandbox=\"allow-scripts\">, so allowing " +
        "'null' gives every website read access to the responses.";

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
            if (state.Origins is not { } origins || !state.OriginListDecides)
            {
                continue;
            }

            foreach (var entry in origins)
            {
                if (entry.Value.Text is { } text && OriginText.Parse(text, CORS004OriginNeverMatches.MatchingOf(entry.Step)).Kind == OriginKind.Null)
                {
                    context.Report(Diagnostic.Create(
                        context.Descriptor(Descriptors),
                        entry.Value.Location,
                        context.Policy.DisplayName,
                        state.Credentials == true ? ", including the user's cookies" : string.Empty));
                }
            }
        }
    }
}
