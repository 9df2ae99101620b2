using System;
using System.Collections.Generic;
using System.Linq;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS106: the pipeline calls UseCors but nothing registers the CORS services (no <c>AddCors</c>, no
/// <c>AddControllers</c>/<c>AddControllersWithViews</c>/<c>AddMvc</c>): the app fails at startup.
/// </summary>
internal static class CORS106CorsServicesNotRegistered
{
    public const string Id = RuleIds.CorsServicesNotRegistered;

    private const string Title = "CORS services not registered";
    private const string MessageFormat =
        "UseCors needs the CORS services, but nothing registers them (no AddCors, AddControllers, AddControllersWithViews or AddMvc): the app fails at startup when the CORS middleware is created ('{0}'); call AddCors() with the other service registrations";
    private const string Description =
        "The CORS middleware is created from the service provider. Without AddCors (AddControllers, AddControllersWithViews and AddMvc call it; AddRazorPages does not) " +
        "UseCors(\"name\") and UseCors(policy => ...) fail with 'Unable to resolve service for type ICorsService', and UseCors() with 'Multiple constructors accepting all given argument types'.";

    // What the app's startup really throws (proven by tests/CorsAnalyzers.RuntimeTests): the nameless UseCors() finds two
    // CorsMiddleware constructors it cannot choose between; the forms with a policy name or builder need ICorsService.
    private const string ServiceMissing = "Unable to resolve service for type ICorsService while attempting to activate CorsMiddleware";
    private const string AmbiguousConstructors = "Multiple constructors accepting all given argument types have been found in type CorsMiddleware";

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Error, Description, compilationEnd: true);

    public static void Check(PipelineProgram program, Action<Diagnostic> report)
    {
        // The compilation must be where services are registered: a WebApplicationBuilder or a registration in sight.
        if (program.Entries.Count == 0 || (program.ServiceAnchors.Count == 0 && program.Services.Count == 0)
            || program.UnknownServices || program.UsesCorsServices || program.HasService(ServiceKind.Cors) || program.HasService(ServiceKind.Mvc))
        {
            return;
        }

        var anchor = program.ServiceAnchor();
        var fix = anchor is null ? ((System.Collections.Immutable.ImmutableDictionary<string, string?>, IEnumerable<Location>)?)null
            : PipelineFix.Insert(anchor.Statement, before: !anchor.InsertAfter, $"{anchor.Receiver}.AddCors();");
        var seen = new HashSet<Location>();
        foreach (var cors in program.Views.SelectMany(v => v.OfKind(MiddlewareKind.UseCors)))
        {
            if (seen.Add(cors.Location))
            {
                report(PipelineFix.Create(CompilationEndRule, cors.Location, fix, IsNameless(cors.Location) ? AmbiguousConstructors : ServiceMissing));
            }
        }
    }

    /// <summary><c>app.UseCors()</c> (or <c>CorsMiddlewareExtensions.UseCors(app)</c>): no policy name and no builder.</summary>
    private static bool IsNameless(Location location)
    {
        if (location.SourceTree?.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true)
            ?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
        {
            return false;
        }

        var receiverAsArgument = invocation.Expression is MemberAccessExpressionSyntax
        {
            Expression: IdentifierNameSyntax { Identifier.ValueText: "CorsMiddlewareExtensions" }
                or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CorsMiddlewareExtensions" },
        };
        return invocation.ArgumentList.Arguments.Count == (receiverAsArgument ? 1 : 0);
    }
}
