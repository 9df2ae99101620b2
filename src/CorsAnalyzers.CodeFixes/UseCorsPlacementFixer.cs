using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS101 (explicit authorization first), CORS102, CORS103, CORS104, CORS112: moves the UseCors statement, with its comments, to
/// its place: after the last explicit UseRouting, before authentication, authorization, caching and UseEndpoints.
/// (For CORS111 and CORS112: before the inline middleware that answers OPTIONS, or before the rate limiter, HTTPS redirection or
/// static files, when that does not cross an explicit UseRouting.)
/// Offered when UseCors and that place are plain statements of one statement list.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCorsPlacementFixer)), Shared]
public sealed class UseCorsPlacementFixer : CodeFixProvider
{
    public const string CORS101Key = CORS101AuthorizationBeforeCors.Id + ".MoveUseCors";
    public const string CORS102Key = CORS102UseCorsAfterEndpoints.Id + ".MoveUseCors";
    public const string CORS103Key = CORS103UseCorsBeforeRouting.Id + ".MoveUseCors";
    public const string CORS104Key = CORS104CachingBeforeCors.Id + ".MoveUseCors";
    public const string CORS111Key = CORS111MiddlewareAnswersPreflight.Id + ".MoveUseCors";
    public const string CORS112Key = CORS112MiddlewareBeforeGlobalCors.Id + ".MoveUseCors";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        CORS101AuthorizationBeforeCors.Id, CORS102UseCorsAfterEndpoints.Id, CORS103UseCorsBeforeRouting.Id, CORS104CachingBeforeCors.Id, CORS111MiddlewareAnswersPreflight.Id, CORS112MiddlewareBeforeGlobalCors.Id);

    public override FixAllProvider GetFixAllProvider() => PipelineFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PipelineCodeFix.RegisterAsync(context, ImmutableArray.Create("MoveUseCors"));
}
