using System;
using System.Collections.Generic;
using System.Linq;
using CorsAnalyzers.Headers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS203: a method or lambda writes <c>Access-Control-*</c> response headers by hand. Reported once per method or
/// lambda, at its first such write, and not where CORS201 or CORS202 already reports that method or lambda (they
/// point at the same fix).
/// </summary>
internal static class CORS203HandWrittenCorsHeaders
{
    public const string Id = RuleIds.HandWrittenCorsHeaders;

    private const string Title = "Hand-written CORS headers";
    private const string MessageFormat =
        "'{0}' is written by hand: nothing answers preflight (OPTIONS) requests unless this code ends them with a 2xx status (headers on " +
        "the 405/404 the app otherwise returns do not count: the browser never sends the request), " +
        "responses that end before it runs (exceptions, authentication failures, short-circuits) carry no CORS headers and the " +
        "browser reports a CORS error instead of the real status{1}. Replace it with AddCors + UseCors and a policy.";
    private const string Description =
        "The CORS middleware answers preflights, adds its headers in Response.OnStarting (so error responses keep them), and sends " +
        "'Vary: Origin' when the answer depends on the origin. Hand-written headers usually miss one of these, and the browser then blocks " +
        "the response with a CORS error that does not name the real cause.";

    private const string NoVary = ", and no 'Vary: Origin' is sent, so a shared cache may serve one origin's response to another";

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.UsageCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static DiagnosticDescriptor Rule => Descriptor;

    public static void Check(HeaderModel model, IReadOnlyCollection<IOperation> alreadyReported, Action<Diagnostic> report)
    {
        foreach (var scope in model.Scopes())
        {
            if (scope[0].Scope is { } owner && alreadyReported.Contains(owner) || scope.FirstOrDefault(w => w.IsCors) is not { } first)
            {
                continue;
            }

            // Vary: Origin matters when the allowed origin depends on the request (not for a constant '*').
            var needsVary = scope.Any(w => w.Is(HeaderModel.AllowOrigin) && !HeaderModel.IsWildcard(w.Value)) && !scope.Any(w => w.Is(HeaderModel.Vary));
            report(Diagnostic.Create(Descriptor, first.Location, first.Name, needsVary ? NoVary : string.Empty));
        }
    }
}
