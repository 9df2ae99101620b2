using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>CORS107: renames an undefined policy (a string literal) to the closest defined name: equal but for case first, then by edit distance.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS107UndefinedCorsPolicyFixer)), Shared]
public sealed class CORS107UndefinedCorsPolicyFixer : CodeFixProvider
{
    public const string UseDefinedPolicyKey = CORS107UndefinedCorsPolicy.Id + ".UseDefinedPolicy";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS107UndefinedCorsPolicy.Id);

    public override FixAllProvider GetFixAllProvider() => PipelineFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PipelineCodeFix.RegisterAsync(context, ImmutableArray.Create("UseDefinedPolicy"));
}
