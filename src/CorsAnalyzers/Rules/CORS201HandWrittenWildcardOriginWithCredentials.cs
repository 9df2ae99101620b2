using System;
using System.Collections.Generic;
using System.Linq;
using CorsAnalyzers.Headers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS201: one method or lambda (with its <c>Response.OnStarting</c> callbacks) writes <c>Access-Control-Allow-Origin: *</c>
/// and <c>Access-Control-Allow-Credentials: true</c> on the response. Browsers reject a credentialed response whose
/// Access-Control-Allow-Origin is the wildcard. Reported at the Access-Control-Allow-Origin write, the credentials
/// write as an additional location.
/// </summary>
internal static class CORS201HandWrittenWildcardOriginWithCredentials
{
    public const string Id = RuleIds.HandWrittenWildcardOriginWithCredentials;

    private const string Title = "Hand-written wildcard origin with credentials";
    private const string MessageFormat =
        "This code sets 'Access-Control-Allow-Origin: *' together with 'Access-Control-Allow-Credentials: true' on one response: " +
        "the browser rejects every credentialed request to it (\"the value of the 'Access-Control-Allow-Origin' header must not be the wildcard '*' " +
        "when the request's credentials mode is 'include'\"), so fetch with credentials fails. Use the CORS middleware (AddCors + UseCors) " +
        "with explicit origins and AllowCredentials() instead.";
    private const string Description =
        "The CORS protocol forbids a wildcard Access-Control-Allow-Origin on a credentialed response. Browsers block the response to every " +
        "fetch(..., { credentials: 'include' }) and XMLHttpRequest with withCredentials, while requests without credentials never needed " +
        "Access-Control-Allow-Credentials.";

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.SecurityCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static DiagnosticDescriptor Rule => Descriptor;

    /// <summary>Reports each wildcard write that shares a run with a credentials write; returns the scopes reported.</summary>
    public static IReadOnlyCollection<IOperation> Check(HeaderModel model, Action<Diagnostic> report)
    {
        var reported = new HashSet<IOperation>();
        foreach (var scope in model.Scopes())
        {
            var credentials = scope.Where(w => w.Is(HeaderModel.AllowCredentials) && HeaderModel.IsTrue(w.Value)).ToList();
            if (credentials.Count == 0)
            {
                continue;
            }

            foreach (var wildcard in scope)
            {
                if (!wildcard.Is(HeaderModel.AllowOrigin) || !HeaderModel.IsWildcard(wildcard.Value))
                {
                    continue;
                }

                var together = credentials.Where(c => !HeaderBranches.Exclusive(wildcard.Operation, c.Operation)).Select(c => c.Location).ToList();
                if (together.Count == 0)
                {
                    continue;
                }

                report(Diagnostic.Create(Descriptor, wildcard.Location, together));
                reported.Add(wildcard.Scope);
            }
        }

        return reported;
    }
}
