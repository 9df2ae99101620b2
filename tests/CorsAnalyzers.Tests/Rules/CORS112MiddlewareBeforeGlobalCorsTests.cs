using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.UseCorsPlacementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS112MiddlewareBeforeGlobalCorsTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Static_files_and_https_redirection_before_a_named_UseCors(AspNetCore version)
    {
        await VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("assets", p => p.WithOrigins("https://shop.example.com")));
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.UseStaticFiles();
            app.{|CORS112:UseCors("assets")|};
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("assets", p => p.WithOrigins("https://shop.example.com")));
            var app = builder.Build();
            app.UseCors("assets");
            app.UseHttpsRedirection();
            app.UseStaticFiles();
            app.Run();
            """, UseCorsPlacementFixer.CORS112Key, version, topLevel: true);
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V9)]
    [InlineData(AspNetCore.V10)]
    public async Task Rate_limiter_before_an_inline_policy(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            builder.Services.AddRateLimiter(_ => { });
            var app = builder.Build();
            app.UseRateLimiter();
            app.{|CORS112:UseCors(p => p.WithOrigins("https://app.example.com"))|};
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task No_fix_across_an_explicit_UseRouting()
    {
        // Moving UseCors before UseStaticFiles would put it before UseRouting (CORS103): the diagnostic comes without a fix.
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseStaticFiles();
                    app.UseRouting();
                    app.{|CORS112:UseCors("spa")|};
                    app.UseEndpoints(e => { });
                }
            }
            """);
    }

    [Fact]
    public async Task Nameless_UseCors_is_global_only_with_a_default_policy()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.UseCors();
            app.MapGet("/", () => "ok").RequireCors("spa");
            app.Run();
            """, topLevel: true);

        await new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
            DisabledDiagnostics = { "CORS113" },
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
                var app = builder.Build();
                app.UseHttpsRedirection();
                app.{|CORS112:UseCors()|};
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
                var app = builder.Build();
                app.UseCors();
                app.UseHttpsRedirection();
                app.Run();
                """,
            CodeActionEquivalenceKey = UseCorsPlacementFixer.CORS112Key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();
    }

    [Fact]
    public async Task Development_only_static_files_do_not_reach_production()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseCors(p => p.WithOrigins("https://app.example.com"));
            }
            else
            {
                app.UseStaticFiles();
            }

            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task Static_files_in_a_helper_in_another_file()
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
                        app.UseAssets();
                        app.{|CORS112:UseCors(p => p.WithOrigins("https://shop.example.com"))|};
                        app.Run();
                        """),
                    ("Assets.cs", """
                        using Microsoft.AspNetCore.Builder;

                        static class Assets
                        {
                            public static IApplicationBuilder UseAssets(this IApplicationBuilder app) => app.UseStaticFiles();
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

    // CORS113 (no exception handler) is an Info that most of these small apps would raise; it has its own tests.
    private static Task VerifyAsync(string source, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, DisabledDiagnostics = { "CORS113" } }.RunAsync();

    private static Task VerifyCodeFixAsync(string source, string fixedSource, string key, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key, DisabledDiagnostics = { "CORS113" } }.RunAsync();
}
