using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Pipeline;

/// <summary>Builds a pipeline rule's descriptors: one reported at the end of a block, one at compilation end (same ID and text).</summary>
internal static class PipelineDescriptors
{
    public static DiagnosticDescriptor Create(string id, string title, string messageFormat, DiagnosticSeverity severity, string description, bool compilationEnd) => compilationEnd
        ? new DiagnosticDescriptor(id, title, messageFormat, RuleIds.UsageCategory, severity, isEnabledByDefault: true, description: description, helpLinkUri: RuleIds.HelpLink(id), customTags: WellKnownDiagnosticTags.CompilationEnd)
        : new DiagnosticDescriptor(id, title, messageFormat, RuleIds.UsageCategory, severity, isEnabledByDefault: true, description: description, helpLinkUri: RuleIds.HelpLink(id));

    /// <summary>How an event is named in messages.</summary>
    public static string Name(PipelineEvent e) => e.Kind switch
    {
        MiddlewareKind.Authentication => "UseAuthentication()",
        MiddlewareKind.Authorization => "UseAuthorization()",
        MiddlewareKind.Endpoints => "UseEndpoints()",
        MiddlewareKind.Terminal => "app.Run(handler)",
        MiddlewareKind.Routing => "UseRouting()",
        MiddlewareKind.StaticFiles => "UseStaticFiles()",
        MiddlewareKind.HttpsRedirection => "UseHttpsRedirection()",
        MiddlewareKind.RateLimiter => "UseRateLimiter()",
        MiddlewareKind.Caching => (e.Operation as Microsoft.CodeAnalysis.Operations.IInvocationOperation)?.TargetMethod.Name + "()",
        _ => e.Kind.ToString(),
    };

    /// <summary>The first event before <paramref name="index"/> in <paramref name="view"/> of one of the kinds that can share a pipeline with the event at index.</summary>
    public static PipelineEvent? Before(PipelineView view, int index, System.Func<PipelineEvent, bool> match)
    {
        for (var i = 0; i < index; i++)
        {
            if (match(view.Events[i]) && !view.Events[i].ExcludedBy(view.Events[index]))
            {
                return view.Events[i];
            }
        }

        return null;
    }

    public static PipelineEvent? After(PipelineView view, int index, System.Func<PipelineEvent, bool> match)
    {
        for (var i = view.Events.Length - 1; i > index; i--)
        {
            if (match(view.Events[i]) && !view.Events[i].ExcludedBy(view.Events[index]))
            {
                return view.Events[i];
            }
        }

        return null;
    }
}
