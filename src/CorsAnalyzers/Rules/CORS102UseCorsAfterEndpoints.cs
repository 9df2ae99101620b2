using System;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS102: UseCors after <c>UseEndpoints</c> (matched requests end there) or after terminal <c>app.Run(handler)</c>
/// (every request ends there). WebApplication's <c>Map*</c> calls are not middleware and do not count.
/// </summary>
internal static class CORS102UseCorsAfterEndpoints
{
    public const string Id = RuleIds.UseCorsAfterEndpoints;

    private const string Title = "UseCors after the endpoints";
    private const string MessageFormat =
        "UseCors runs after {0}, where requests end, so CORS never runs for them: preflights get 405 or 500 without CORS headers and the browser reports a CORS error; move UseCors before {0}";
    private const string Description =
        "Middleware added after UseEndpoints only sees requests that matched no endpoint, and nothing runs after a terminal app.Run(handler). " +
        "A UseCors placed there never adds CORS headers to the app's endpoints, and endpoints with CORS metadata fail with 500 because no CORS middleware ran before them.";

    public static readonly DiagnosticDescriptor Rule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: false);

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    public static void CheckOrder(PipelineView view, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        for (var i = 0; i < view.Events.Length; i++)
        {
            var cors = view.Events[i];
            if (cors.Kind != MiddlewareKind.UseCors
                || PipelineDescriptors.Before(view, i, e => e.Kind is MiddlewareKind.Endpoints or MiddlewareKind.Terminal) is not { } end)
            {
                continue;
            }

            var place = view.CorsPlace(forInsertion: false, out var before);
            report(PipelineFix.Create(descriptor, cors.Location, PipelineFix.Move(cors, place, before), PipelineDescriptors.Name(end)));
        }
    }
}
