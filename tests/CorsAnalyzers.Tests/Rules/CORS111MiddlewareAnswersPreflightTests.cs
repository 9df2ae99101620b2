using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.UseCorsPlacementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS111MiddlewareAnswersPreflightTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Inline_middleware_answering_OPTIONS_before_UseCors_moves_UseCors_first(AspNetCore version)
    {
        await VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                if ({|CORS111:HttpMethods.IsOptions(context.Request.Method)|})
                {
                    context.Response.StatusCode = 204;
                    return;
                }

                await next();
            });
            app.UseCors(p => p.WithOrigins("https://app.example.com").AllowAnyMethod());
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(p => p.WithOrigins("https://app.example.com").AllowAnyMethod());
            app.Use(async (context, next) =>
            {
                if (HttpMethods.IsOptions(context.Request.Method))
                {
                    context.Response.StatusCode = 204;
                    return;
                }

                await next();
            });
            app.Run();
            """, UseCorsPlacementFixer.CORS111Key, version, topLevel: true);
    }

    [Fact]
    public async Task Hand_written_CORS_header_before_UseCors_in_a_Startup()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors();

                public void Configure(IApplicationBuilder app)
                {
                    app.Use(async (context, next) =>
                    {
                        {|CORS111:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                        await next();
                    });
                    app.UseRouting();
                    app.UseCors(p => p.WithOrigins("https://app.example.com"));
                    app.UseEndpoints(e => { });
                }
            }
            """);
    }

    [Fact]
    public async Task OPTIONS_handled_after_calling_next_or_after_UseCors_is_fine()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                if (context.Request.Method == "OPTIONS")
                {
                    context.Items["preflight"] = true;
                    await next();
                    return;
                }

                await next();
            });
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.Use(async (context, next) =>
            {
                if (context.Request.Method == "OPTIONS") { context.Response.StatusCode = 204; return; }
                await next();
            });
            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task Middleware_in_a_helper_in_another_file()
    {
        var test = new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
            DisabledDiagnostics = { "CORS113" },
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddCors();
                        var app = builder.Build();
                        app.UseLegacyCors();
                        app.UseCors(p => p.WithOrigins("https://app.example.com"));
                        app.Run();
                        """),
                    ("Legacy.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.AspNetCore.Http;

                        static class Legacy
                        {
                            public static void UseLegacyCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
                            {
                                {|CORS111:context.Response.Headers.Append("Access-Control-Allow-Origin", "*")|};
                                await next();
                            });
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task No_AspNetCore_referenced_no_diagnostic()
    {
        await new VerifyCS.Test(AspNetCore.None)
        {
            TestCode = """
                public sealed class App
                {
                    public App UseRouting() => this;
                    public App UseAuthorization() => this;
                    public App UseOutputCache() => this;
                    public App UseCors(string? policy = null) => this;
                    public App MapHub(string path) => this;
                    public App RequireCors(string policy) => this;
                }

                public static class Program
                {
                    public static void Configure(App app)
                    {
                        app.UseCors("x");
                        app.UseAuthorization();
                        app.UseOutputCache();
                        app.UseCors();
                        app.UseRouting();
                        app.MapHub("/hub").RequireCors("undefined");
                    }
                }
                """,
        }.RunAsync();
    }

    // CORS113 (no exception handler) is an Info that these small apps would raise; it has its own tests.
    private static Task VerifyAsync(string source, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, DisabledDiagnostics = { "CORS113" } }.RunAsync();

    private static Task VerifyCodeFixAsync(string source, string fixedSource, string key, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key, DisabledDiagnostics = { "CORS113" } }.RunAsync();
}
