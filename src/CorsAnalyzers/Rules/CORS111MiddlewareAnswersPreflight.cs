using System;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS111: inline middleware before UseCors that ends OPTIONS requests itself (so preflights never reach CORS) or writes
/// <c>Access-Control-*</c> headers by hand (which the CORS middleware then adds again).
/// </summary>
internal static class CORS111MiddlewareAnswersPreflight
{
    public const string Id = RuleIds.MiddlewareAnswersPreflight;

    private const string Title = "Middleware answers preflight before CORS";
    private const string MessageFormat =
        "This middleware runs before UseCors and {0}; remove it, or move UseCors first";
    private const string Description =
        "A preflight is an OPTIONS request that the CORS middleware answers with the policy's headers. Middleware before UseCors that answers OPTIONS itself " +
        "sends the preflight back without those headers, and hand-written Access-Control-* headers are sent a second time by the CORS middleware; browsers reject both.";

    public static readonly DiagnosticDescriptor Rule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: false);

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    public static void CheckOrder(PipelineView view, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        for (var i = 0; i < view.Events.Length; i++)
        {
            var cors = view.Events[i];
            if (cors.Kind != MiddlewareKind.UseCors)
            {
                continue;
            }

            for (var j = 0; j < i; j++)
            {
                var middleware = view.Events[j];
                if (middleware.ExcludedBy(cors))
                {
                    continue;
                }

                if (middleware.AnswersOptions is { } answers)
                {
                    // Moving UseCors before it must not put it before an explicit UseRouting.
                    var crossesRouting = false;
                    for (var k = j; k < i; k++)
                    {
                        crossesRouting |= view.Events[k].Kind == MiddlewareKind.Routing;
                    }

                    report(PipelineFix.Create(
                        descriptor,
                        answers,
                        crossesRouting ? null : PipelineFix.Move(cors, middleware, before: true, reportedOnCors: false),
                        "answers OPTIONS requests itself, so preflights never reach the CORS middleware and get no Access-Control-Allow-* headers: the browser blocks the real request"));
                }

                if (middleware.WritesCorsHeader is { } writes)
                {
                    report(Diagnostic.Create(
                        descriptor,
                        writes,
                        "writes an Access-Control-* header by hand, which the CORS middleware adds again: the browser rejects a response with two Access-Control-Allow-Origin values"));
                }
            }
        }
    }
}
