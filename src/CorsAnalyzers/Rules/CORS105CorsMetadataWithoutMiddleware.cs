using System;
using System.Linq;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS105: endpoints carry CORS metadata (<c>RequireCors</c>, <c>[EnableCors]</c>, <c>[DisableCors]</c>) and no UseCors runs
/// in production: the endpoint middleware fails every request to those endpoints with 500.
/// </summary>
internal static class CORS105CorsMetadataWithoutMiddleware
{
    public const string Id = RuleIds.CorsMetadataWithoutMiddleware;

    private const string Title = "CORS endpoint metadata without the CORS middleware";
    private const string MessageFormat =
        "{0} puts CORS metadata on endpoints, but no UseCors runs{1}: every request to them fails with 500 ('contains CORS metadata, but a middleware was not found that supports CORS'), which the browser reports as a CORS error; add app.UseCors() after UseRouting and before authorization";
    private const string Description =
        "The endpoint middleware refuses to run an endpoint with CORS metadata unless the CORS middleware ran first, and throws InvalidOperationException: " +
        "every request to it, with or without an Origin header, gets a 500.";

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Error, Description, compilationEnd: true);

    public static void Check(PipelineProgram program, Action<Diagnostic> report)
    {
        if (program.Metadata.Count == 0 || !program.PipelinesKnown)
        {
            return;
        }

        var production = program.Production.ToList();
        if (production.Any(v => v.Events.Any(e => e.Kind is MiddlewareKind.UseCors or MiddlewareKind.Mvc)))
        {
            return;
        }

        // Every UseCors in the code must be one the model placed (in a development branch); one elsewhere may still run.
        var placed = program.Views.SelectMany(v => v.OfKind(MiddlewareKind.UseCors)).Select(e => e.Location).ToList();
        if (program.UseCorsCalls.Any(call => !placed.Contains(call)))
        {
            return;
        }

        var fix = InsertUseCors(production, "UseCors()");
        foreach (var metadata in program.Metadata)
        {
            var name = metadata.Kind switch
            {
                MetadataKind.EnableCors => "[EnableCors]",
                MetadataKind.DisableCors => "[DisableCors]",
                _ => "RequireCors",
            };
            report(PipelineFix.Create(CompilationEndRule, metadata.Location, fix, name, placed.Count > 0 ? " outside development" : string.Empty));
        }
    }

    /// <summary>Inserting <c>app.&lt;call&gt;;</c> where UseCors belongs in the first production pipeline that has such a place.</summary>
    public static (System.Collections.Immutable.ImmutableDictionary<string, string?> Properties, System.Collections.Generic.IEnumerable<Location> Locations)? InsertUseCors(
        System.Collections.Generic.IEnumerable<PipelineView> production, string call)
    {
        foreach (var view in production)
        {
            var anchor = view.CorsPlace(forInsertion: true, out var before);
            if (anchor is not null && PipelineFix.Receiver(anchor.Operation) is { } receiver
                && PipelineFix.Insert(anchor, before, $"{receiver}.{call};") is { } fix)
            {
                return fix;
            }
        }

        return null;
    }
}
