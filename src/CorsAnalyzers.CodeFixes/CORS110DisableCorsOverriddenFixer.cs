using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS110: removes the <c>[DisableCors]</c> that a RequireCors convention overrides, which changes nothing at runtime and
/// makes the code say what happens. Removing the convention instead would change every endpoint it covers, so it is
/// left to the developer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS110DisableCorsOverriddenFixer)), Shared]
public sealed class CORS110DisableCorsOverriddenFixer : CodeFixProvider
{
    public const string RemoveDisableCorsKey = CORS110DisableCorsOverridden.Id + ".RemoveDisableCors";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS110DisableCorsOverridden.Id);

    public override FixAllProvider GetFixAllProvider() => PipelineFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PipelineCodeFix.RegisterAsync(context, ImmutableArray.Create("RemoveDisableCors"));
}
