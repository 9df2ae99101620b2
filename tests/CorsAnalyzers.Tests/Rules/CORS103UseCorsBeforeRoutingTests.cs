using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.UseCorsPlacementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS103UseCorsBeforeRoutingTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseCors_before_explicit_UseRouting_moves_directly_after_it(AspNetCore version)
    {
        await VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            /* CORS first */ app.{|CORS103:UseCors("spa")|};
            app.UseRouting();
            app.UseAuthorization();
            app.MapGet("/", () => "ok");
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseRouting();
            /* CORS first */ app.UseCors("spa");
            app.UseAuthorization();
            app.MapGet("/", () => "ok");
            app.Run();
            """, UseCorsPlacementFixer.CORS103Key, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_before_UseRouting(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddControllers();

                public void Configure(IApplicationBuilder app)
                {
                    app.{|CORS103:UseCors(p => p.WithOrigins("https://app.example.com"))|};
                    app.UseRouting();
                    app.UseEndpoints(e => e.MapControllers());
                }
            }
            """, version);
    }

    [Fact]
    public async Task UseCors_on_WebApplication_without_explicit_UseRouting_is_fine()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.MapGet("/", () => "ok");
            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task UseRouting_in_a_helper_in_another_file()
    {
        var test = new VerifyCS.Test
        {
            DisabledDiagnostics = { "CORS113" },
            TestState =
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddCors();
                        var app = builder.Build();
                        app.{|CORS103:UseCors(p => p.WithOrigins("https://app.example.com"))|};
                        app.UseApiPipeline();
                        app.Run();
                        """),
                    ("Pipeline.cs", """
                        using Microsoft.AspNetCore.Builder;

                        static class Pipeline
                        {
                            public static WebApplication UseApiPipeline(this WebApplication app)
                            {
                                app.UseRouting();
                                return app;
                            }
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task UseCors_before_UseRouting_only_in_the_other_environment_is_fine()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseCors(p => p.WithOrigins("http://localhost:5173"));
                    }
                    else
                    {
                        app.UseRouting();
                        app.UseCors(p => p.WithOrigins("https://app.example.com"));
                    }
                }
            }
            """);
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
