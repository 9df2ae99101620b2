using System;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>CORS104: <c>UseResponseCaching()</c> or <c>UseOutputCache()</c> before UseCors: cached responses skip CORS.</summary>
internal static class CORS104CachingBeforeCors
{
    public const string Id = RuleIds.CachingBeforeCors;

    private const string Title = "Caching before CORS";
    private const string MessageFormat =
        "{0} runs before UseCors, so a cached response is served without CORS running: it replays the Access-Control-Allow-Origin of whichever request filled the cache (or none), and the browser blocks it for other origins; move UseCors before {0}";
    private const string Description =
        "The caching middleware answers from its cache without calling the rest of the pipeline. With CORS after it, a response cached for one origin, " +
        "or for a request without an Origin header, is served to every origin unchanged. The CORS middleware does not send Vary: Origin for a single allowed origin, so the cache cannot tell the variants apart.";

    public static readonly DiagnosticDescriptor Rule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: false);

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    public static void CheckOrder(PipelineView view, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        for (var i = 0; i < view.Events.Length; i++)
        {
            var cors = view.Events[i];
            if (cors.Kind != MiddlewareKind.UseCors
                || PipelineDescriptors.Before(view, i, e => e.Kind == MiddlewareKind.Caching) is not { } caching)
            {
                continue;
            }

            var place = view.CorsPlace(forInsertion: false, out var before);
            report(PipelineFix.Create(descriptor, cors.Location, PipelineFix.Move(cors, place, before), PipelineDescriptors.Name(caching)));
        }
    }
}
