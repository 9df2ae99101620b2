using System;
using System.Collections.Generic;
using System.Linq;
using CorsAnalyzers.Headers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS202: <c>Access-Control-Allow-Origin</c> is written from the request's <c>Origin</c> header with no allow-list
/// check on the way (see <see cref="OriginFlow"/> for what counts as one), so every website is allowed.
/// </summary>
internal static class CORS202HandWrittenHeaderReflectsTheRequestOrigin
{
    public const string Id = RuleIds.HandWrittenHeaderReflectsTheRequestOrigin;

    private const string Title = "Hand-written header reflects the request Origin";
    private const string MessageFormat =
        "'Access-Control-Allow-Origin' is set to the request's Origin header without an allow-list check: every website gets its own origin " +
        "echoed back{0}. Check the origin against an allow-list first (and send 'Vary: Origin'), or use the CORS middleware with WithOrigins(...).";
    private const string Description =
        "Echoing the Origin request header into Access-Control-Allow-Origin allows every origin, including 'null' (sandboxed iframes): it is " +
        "'*' that also works with credentials. Any website a user visits can call this endpoint from the user's browser and read the response.";

    private const string WithCredentials =
        " together with 'Access-Control-Allow-Credentials: true', so any website can read your users' authenticated responses (cookies are sent)";
    private const string WithoutCredentials =
        ", so any website can read these responses through its visitors' browsers (and adding credentials later exposes your users' data)";

    private static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        Title,
        MessageFormat,
        RuleIds.SecurityCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIds.HelpLink(Id));

    public static DiagnosticDescriptor Rule => Descriptor;

    /// <summary>Reports each reflecting write; returns the scopes reported.</summary>
    public static IReadOnlyCollection<IOperation> Check(HeaderModel model, Action<Diagnostic> report)
    {
        var reported = new HashSet<IOperation>();
        foreach (var scope in model.Scopes())
        {
            foreach (var write in scope)
            {
                if (!write.Is(HeaderModel.AllowOrigin) || write.Value is null || !model.Flow.ReflectsOrigin(write.Value))
                {
                    continue;
                }

                var credentials = scope.Any(c => c.Is(HeaderModel.AllowCredentials) && HeaderModel.IsTrue(c.Value)
                    && !HeaderBranches.Exclusive(write.Operation, c.Operation));
                report(Diagnostic.Create(Descriptor, write.Location, credentials ? WithCredentials : WithoutCredentials));
                reported.Add(write.Scope);
            }
        }

        return reported;
    }
}
