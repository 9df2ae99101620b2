using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS113: adds <c>AddProblemDetails()</c> with the service registrations and <c>app.UseExceptionHandler()</c> first in the
/// pipeline (ASP.NET Core 7+, where the exception handler writes problem details without a handler path).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS113NoExceptionHandlerFixer)), Shared]
public sealed class CORS113NoExceptionHandlerFixer : CodeFixProvider
{
    public const string AddExceptionHandlerKey = CORS113NoExceptionHandler.Id + ".AddExceptionHandler";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS113NoExceptionHandler.Id);

    public override FixAllProvider GetFixAllProvider() => PipelineFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PipelineCodeFix.RegisterAsync(context, ImmutableArray.Create("AddExceptionHandler"));
}
