using System;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>CORS103: UseCors before an explicit <c>UseRouting()</c>: the CORS middleware runs before an endpoint is selected.</summary>
internal static class CORS103UseCorsBeforeRouting
{
    public const string Id = RuleIds.UseCorsBeforeRouting;

    private const string Title = "UseCors before UseRouting";
    private const string MessageFormat =
        "UseCors runs before UseRouting(), so it cannot see the endpoint: [EnableCors], [DisableCors] and RequireCors are ignored, endpoints with CORS metadata fail with 500, and the browser reports a CORS error; move UseCors directly after UseRouting()";
    private const string Description =
        "The CORS middleware reads the policy from the selected endpoint's metadata, and UseRouting selects the endpoint. Before it there is no endpoint: " +
        "only the middleware's own policy applies, and the endpoint middleware later fails every request to an endpoint with CORS metadata because no CORS middleware processed it.";

    public static readonly DiagnosticDescriptor Rule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: false);

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    public static void CheckOrder(PipelineView view, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        for (var i = 0; i < view.Events.Length; i++)
        {
            var cors = view.Events[i];
            if (cors.Kind != MiddlewareKind.UseCors
                || PipelineDescriptors.After(view, i, e => e.Kind == MiddlewareKind.Routing) is not { } routing)
            {
                continue;
            }

            report(PipelineFix.Create(descriptor, cors.Location, PipelineFix.Move(cors, routing, before: false)));
        }
    }
}
