using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.CORS109SeveralUseCorsCallsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS109SeveralUseCorsCallsTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Two_policies_in_one_pipeline(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o =>
            {
                o.AddPolicy("public", p => p.AllowAnyOrigin());
                o.AddPolicy("admin", p => p.WithOrigins("https://admin.example.com"));
            });
            var app = builder.Build();
            app.UseCors("public");
            app.{|CORS109:UseCors("admin")|};
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task The_same_policy_twice_is_removed()
    {
        await VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors("spa");
                    app.{|CORS109:UseCors("spa")|};
                    app.UseEndpoints(e => { });
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors("spa");
                    app.UseEndpoints(e => { });
                }
            }
            """, CORS109SeveralUseCorsCallsFixer.RemoveDuplicateKey);
    }

    [Fact]
    public async Task One_per_environment_is_fine()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseCors(p => p.WithOrigins("http://localhost:5173"));
            }
            else
            {
                app.UseCors(p => p.WithOrigins("https://app.example.com"));
            }

            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task Second_call_in_a_helper_in_another_file()
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
                        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
                        var app = builder.Build();
                        app.UseCors();
                        app.UseApi();
                        app.Run();
                        """),
                    ("Api.cs", """
                        using Microsoft.AspNetCore.Builder;

                        static class Api
                        {
                            public static void UseApi(this IApplicationBuilder app) => app.{|CORS109:UseCors()|};
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
