using System;
using System.Linq;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS101: the authorization middleware runs before UseCors, explicitly (<c>UseAuthorization()</c> earlier in the
/// pipeline) or implicitly (WebApplication on ASP.NET Core 7+ adds it before the app's middleware when authorization
/// services are registered and the app never calls it). A 401/403 then leaves without CORS headers.
/// </summary>
internal static class CORS101AuthorizationBeforeCors
{
    public const string Id = RuleIds.AuthorizationBeforeCors;

    private const string Title = "Authorization runs before CORS";
    private const string MessageFormat =
        "{0}, so a 401 or 403 leaves before CORS headers are added (for [Authorize] endpoints with CORS metadata, even the preflight gets 401) and the browser reports a CORS error; {1}";
    private const string Description =
        "The authorization middleware challenges before the CORS middleware runs: preflight requests to endpoints that require authorization " +
        "are answered 401 without Access-Control-Allow-Origin, and every authorization failure reaches the browser as a CORS error instead of a 401. " +
        "On ASP.NET Core 7 and later, WebApplication adds UseAuthentication/UseAuthorization before the app's own middleware when their services are registered and the app does not call them.";

    public static readonly DiagnosticDescriptor Rule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: false);

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    /// <summary>An explicit <c>UseAuthorization()</c> before <c>UseCors</c>.</summary>
    public static void CheckOrder(PipelineView view, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        for (var i = 0; i < view.Events.Length; i++)
        {
            var cors = view.Events[i];
            if (cors.Kind != MiddlewareKind.UseCors
                || PipelineDescriptors.Before(view, i, e => e.Kind == MiddlewareKind.Authorization) is not { } authorization)
            {
                continue;
            }

            var place = view.CorsPlace(forInsertion: false, out var before);
            report(PipelineFix.Create(
                descriptor,
                cors.Location,
                PipelineFix.Move(cors, place, before),
                $"{PipelineDescriptors.Name(authorization)} runs before UseCors",
                "call UseCors before UseAuthentication and UseAuthorization"));
        }
    }

    /// <summary>WebApplication's own authorization middleware before the app's <c>UseCors</c>, when the app authorizes requests.</summary>
    public static void CheckImplicit(PipelineProgram program, PipelineView view, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        if (!program.Symbols.ImplicitAuthMiddleware || !view.Root.IsWebApplication || !view.Complete || !program.Authorizes
            || !(program.HasService(ServiceKind.Authorization) || program.HasService(ServiceKind.Mvc))
            || view.Events.Any(e => e.Kind == MiddlewareKind.Authorization)
            || view.Events.FirstOrDefault(e => e.Kind == MiddlewareKind.UseCors) is not { } cors)
        {
            return;
        }

        var receiver = PipelineFix.Receiver(cors.Operation);
        var statements = (program.HasService(ServiceKind.Authentication) && !view.Events.Any(e => e.Kind == MiddlewareKind.Authentication)
            ? $"{receiver}.UseAuthentication();\n"
            : string.Empty) + $"{receiver}.UseAuthorization();";
        report(PipelineFix.Create(
            descriptor,
            cors.Location,
            receiver is null ? null : PipelineFix.Insert(cors, before: false, statements),
            "WebApplication adds the authorization middleware before this UseCors, because authorization services are registered and the app never calls UseAuthorization()",
            "call UseAuthentication() and UseAuthorization() explicitly after UseCors"));
    }
}
