using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.RuntimeTests.Harness;
using static CorsAnalyzers.RuntimeTests.Harness.RuntimeCase;

namespace CorsAnalyzers.RuntimeTests.Cases;

/// <summary>
/// The policy rules (CORS001-CORS013), each proven on a running app before and after its fix. Sources are the
/// rules' analyzer-test snippets, one policy each, plus an endpoint to call.
/// </summary>
public static class PolicyCases
{
    public static IEnumerable<RuntimeCase> All =>
    [
        new("CORS001 AddPolicy, fixed by allowing the configured origins", "CORS001", """
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
            app.MapGet("/orders", () => "[]");
            app.Run();
            """)
        {
            FixKey = CORS001WildcardOriginWithCredentialsFixer.AllowConfiguredOriginsKey,
            Bug = app =>
            {
                app.FailsAtStartup("The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time.");
                return Task.CompletedTask;
            },
            Fixed = async app =>
            {
                (await app.Simple("/orders", Origin)).HasStatus(200).Allows(Origin, credentials: true);
                (await app.Simple("/orders", Evil)).HasStatus(200).Blocked();
            },
        },
    ];
}
