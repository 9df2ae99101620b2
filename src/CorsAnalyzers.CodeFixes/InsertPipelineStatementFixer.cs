using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// Adds what the pipeline lacks, where the analyzer found its place: explicit <c>UseAuthentication(); UseAuthorization();</c>
/// after UseCors (CORS101, implicit authorization), <c>app.UseCors()</c> (CORS105), <c>AddCors()</c> next to the other service
/// registrations (CORS106), <c>app.UseCors("policy")</c> (CORS108). The place may be in another file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertPipelineStatementFixer)), Shared]
public sealed class InsertPipelineStatementFixer : CodeFixProvider
{
    public const string CORS101Key = CORS101AuthorizationBeforeCors.Id + ".AddAuthMiddleware";
    public const string CORS105Key = CORS105CorsMetadataWithoutMiddleware.Id + ".AddUseCors";
    public const string CORS106Key = CORS106CorsServicesNotRegistered.Id + ".AddCors";
    public const string CORS108Key = CORS108CorsConfiguredButNeverApplied.Id + ".AddUseCors";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        CORS101AuthorizationBeforeCors.Id, CORS105CorsMetadataWithoutMiddleware.Id, CORS106CorsServicesNotRegistered.Id, CORS108CorsConfiguredButNeverApplied.Id);

    public override FixAllProvider GetFixAllProvider() => PipelineFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        PipelineCodeFix.RegisterAsync(context, ImmutableArray.Create("AddAuthMiddleware", "AddUseCors", "AddCors"));
}
