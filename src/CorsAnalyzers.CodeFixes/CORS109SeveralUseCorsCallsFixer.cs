using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS109: removes a later UseCors that applies the same policy as an earlier one (it adds nothing). Two different
/// policies are not merged mechanically: which one should answer preflights is the developer's choice.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS109SeveralUseCorsCallsFixer)), Shared]
public sealed class CORS109SeveralUseCorsCallsFixer : CodeFixProvider
{
    public const string RemoveDuplicateKey = CORS109SeveralUseCorsCalls.Id + ".RemoveDuplicate";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS109SeveralUseCorsCalls.Id);

    public override FixAllProvider GetFixAllProvider() => PipelineFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PipelineCodeFix.RegisterAsync(context, ImmutableArray.Create("RemoveDuplicate"));
}
