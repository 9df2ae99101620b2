using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS113: the production pipeline applies CORS but handles no exceptions (no <c>UseExceptionHandler</c>, no custom
/// middleware that could): an unhandled exception gives a 500 without CORS headers, which the browser reports as a CORS error.
/// </summary>
internal static class CORS113NoExceptionHandler
{
    public const string Id = RuleIds.NoExceptionHandler;

    private const string Title = "No exception handler outside development";
    private const string MessageFormat =
        "CORS is enabled but nothing handles exceptions outside development: an unhandled exception gives a 500 without CORS headers, so the browser reports a CORS error instead of the 500; add {0}";
    private const string Description =
        "The CORS middleware adds its headers when the response starts. When an exception escapes the whole pipeline, Kestrel discards the response headers " +
        "and sends a bare 500, so cross-origin callers see a CORS failure and cannot read the status. UseExceptionHandler (before or after UseCors) keeps the headers.";

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Info, Description, compilationEnd: true);

    public static void Check(PipelineProgram program, bool problemDetails, Action<Diagnostic> report)
    {
        if (!program.PipelinesKnown)
        {
            return;
        }

        foreach (var view in program.Production)
        {
            var cors = view.Events.FirstOrDefault(e => e.Kind == MiddlewareKind.UseCors);
            if (cors is null || view.Events.Any(e => e.Kind == MiddlewareKind.ExceptionHandler || IsCustomMiddleware(e)))
            {
                continue;
            }

            var fix = problemDetails ? Fix(program, view) : null;
            report(PipelineFix.Create(CompilationEndRule, cors.Location, fix, problemDetails ? "AddProblemDetails() and app.UseExceptionHandler()" : "app.UseExceptionHandler(...)"));
        }
    }

    /// <summary>Inline or class middleware may catch exceptions: the model does not look inside.</summary>
    private static bool IsCustomMiddleware(PipelineEvent e) =>
        e.Kind == MiddlewareKind.Other && e.Operation is IInvocationOperation { TargetMethod.Name: "Use" or "UseMiddleware" or "UseWhen" or "MapWhen" or "Map" or "UseStatusCodePagesWithReExecute" };

    /// <summary><c>AddProblemDetails()</c> with the service registrations, <c>UseExceptionHandler()</c> first in the pipeline.</summary>
    private static (ImmutableDictionary<string, string?> Properties, IEnumerable<Location> Locations)? Fix(PipelineProgram program, PipelineView view)
    {
        var services = program.ServiceAnchor();
        var first = view.Events.FirstOrDefault(e => e.Branches.IsEmpty && PipelineFix.AnchorStatement(e.Operation) is not null);
        if (services is null || first is null || PipelineFix.Receiver(first.Operation) is not { } receiver)
        {
            return null;
        }

        var use = PipelineFix.Insert(first, before: true, $"{receiver}.UseExceptionHandler();");
        if (use is null)
        {
            return null;
        }

        var properties = use.Value.Properties
            .Add(PipelineFix.SecondKind, services.InsertAfter ? PipelineFix.InsertAfter : PipelineFix.InsertBefore)
            .Add(PipelineFix.SecondText, $"{services.Receiver}.AddProblemDetails();");
        return (properties, use.Value.Locations.Concat(new[] { services.Statement }));
    }
}
