using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS001WildcardOriginWithCredentialsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS001WildcardOriginWithCredentialsTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task AddPolicy_chained_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .{|CORS001:AllowAnyOrigin()|}
                    .AllowAnyHeader()
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """, version, topLevel: true);
    }
}
