using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.InsertPipelineStatementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS108CorsConfiguredButNeverAppliedTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Named_policy_never_applied_gets_UseCors_with_its_name(AspNetCore version)
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddCors(o => o.{|CORS108:AddPolicy("spa", p => p.WithOrigins("https://app.example.com"))|});
            var app = builder.Build();
            app.UseAuthorization();
            app.MapControllers();
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors("spa");
            app.UseAuthorization();
            app.MapControllers();
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Default_policy_in_a_Startup_across_files()
    {
        var test = new VerifyCS.Test
        {
            DisabledDiagnostics = { "CORS113" },
            TestState =
            {
                Sources =
                {
                    ("Startup.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        public class Startup
                        {
                            public void ConfigureServices(IServiceCollection services) => services.AddAppCors();

                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseEndpoints(e => e.MapGet("/", () => "ok"));
                            }
                        }
                        """),
                    ("Cors.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public static class Cors
                        {
                            public static void AddAppCors(this IServiceCollection services) =>
                                services.AddCors(o => o.{|CORS108:AddDefaultPolicy(p => p.WithOrigins("https://app.example.com"))|});
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Startup.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        public class Startup
                        {
                            public void ConfigureServices(IServiceCollection services) => services.AddAppCors();

                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseCors();
                                app.UseEndpoints(e => e.MapGet("/", () => "ok"));
                            }
                        }
                        """),
                    ("Cors.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public static class Cors
                        {
                            public static void AddAppCors(this IServiceCollection services) =>
                                services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = InsertPipelineStatementFixer.CORS108Key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Several_named_policies_get_no_fix()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o =>
            {
                o.{|CORS108:AddPolicy("a", p => p.WithOrigins("https://a.example.com"))|};
                o.{|CORS108:AddPolicy("b", p => p.WithOrigins("https://b.example.com"))|};
            });
            var app = builder.Build();
            app.Run();
            """, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Policies_applied_by_metadata_or_a_helper_are_silent(AspNetCore version)
    {
        var test = new VerifyCS.Test(version, topLevel: true)
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
                        builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                        var app = builder.Build();
                        app.UseApi();
                        app.Run();
                        """),
                    ("Api.cs", """
                        using Microsoft.AspNetCore.Builder;

                        static class Api
                        {
                            public static void UseApi(this WebApplication app) => app.UseCors("spa");
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task An_app_that_evaluates_CORS_itself_is_silent()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.MapGet("/", (HttpContext context, ICorsService cors, ICorsPolicyProvider provider) => "ok");
            app.Run();
            """, topLevel: true);
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

    private static Task VerifyFixAsync(string source, string fixedSource, AspNetCore version, bool topLevel) =>
        new VerifyCS.Test(version, topLevel)
        {
            DisabledDiagnostics = { "CORS113" },
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = InsertPipelineStatementFixer.CORS108Key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();

    // CORS113 (no exception handler) is an Info that most of these small apps would raise; it has its own tests.
    private static Task VerifyAsync(string source, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, DisabledDiagnostics = { "CORS113" } }.RunAsync();

    private static Task VerifyCodeFixAsync(string source, string fixedSource, string key, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key, DisabledDiagnostics = { "CORS113" } }.RunAsync();
}
