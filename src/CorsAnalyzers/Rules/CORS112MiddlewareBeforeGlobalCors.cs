using System;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS112: <c>UseRateLimiter</c>, <c>UseHttpsRedirection</c> or <c>UseStaticFiles</c> runs before a global UseCors (one
/// that applies a policy of its own): rate-limited, redirected or static-file responses carry no CORS headers.
/// </summary>
internal static class CORS112MiddlewareBeforeGlobalCors
{
    public const string Id = RuleIds.MiddlewareBeforeGlobalCors;

    private const string Title = "Rate limiting, HTTPS redirection or static files before global CORS";
    private const string MessageFormat =
        "{0} runs before this global UseCors, so {1} without CORS headers and the browser reports a CORS error for cross-origin calls; move UseCors before it if cross-origin callers should get them";
    private const string Description =
        "Middleware that answers a request itself ends it before the CORS middleware adds headers: the rate limiter's 429, the HTTPS redirection's 307 " +
        "(browsers also refuse to follow redirects of a preflight), and static files. Harmless when no cross-origin caller ever meets these responses.";

    public static readonly DiagnosticDescriptor Rule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Info, Description, compilationEnd: false);

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Info, Description, compilationEnd: true);

    /// <summary>UseCors with a policy of its own: a name or an inline policy (a nameless call is judged with the policies, see <see cref="CheckDefault"/>).</summary>
    public static void CheckOrder(PipelineView view, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        foreach (var cors in view.OfKind(MiddlewareKind.UseCors))
        {
            if (cors.Policy?.Kind is PolicyUseKind.Named or PolicyUseKind.Inline or PolicyUseKind.Unknown)
            {
                Check(view, cors, descriptor, report);
            }
        }
    }

    /// <summary>A nameless UseCors() is global only when a default policy is defined.</summary>
    public static void CheckDefault(PipelineProgram program, PipelineView view, Action<Diagnostic> report)
    {
        if (!program.Definitions.Any(d => d.IsDefault))
        {
            return;
        }

        foreach (var cors in view.OfKind(MiddlewareKind.UseCors))
        {
            if (cors.Policy?.Kind == PolicyUseKind.Default)
            {
                Check(view, cors, CompilationEndRule, report);
            }
        }
    }

    private static void Check(PipelineView view, PipelineEvent cors, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        var index = view.Events.IndexOf(cors);
        var first = PipelineDescriptors.Before(view, index, e => e.Kind is MiddlewareKind.RateLimiter or MiddlewareKind.HttpsRedirection or MiddlewareKind.StaticFiles);
        if (first is null)
        {
            return;
        }

        // Moving UseCors before it must not put it before an explicit UseRouting.
        var firstIndex = view.Events.IndexOf(first);
        var crossesRouting = view.Events.Skip(firstIndex).Take(index - firstIndex).Any(e => e.Kind == MiddlewareKind.Routing);
        var symptom = first.Kind switch
        {
            MiddlewareKind.RateLimiter => "rejected requests (and rate-limited preflights) get 429",
            MiddlewareKind.HttpsRedirection => "requests to http:// get a redirect, which browsers refuse for preflights, and the redirect comes",
            _ => "static files are served",
        };
        report(PipelineFix.Create(descriptor, cors.Location, crossesRouting ? null : PipelineFix.Move(cors, first, before: true), PipelineDescriptors.Name(first), symptom));
    }
}
