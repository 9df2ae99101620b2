using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.UseCorsPlacementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS104CachingBeforeCorsTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseResponseCaching_before_UseCors_in_Startup(AspNetCore version)
    {
        await VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddResponseCaching();
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://a.example.com", "https://b.example.com")));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseResponseCaching();
                    app.{|CORS104:UseCors()|};
                    app.UseEndpoints(e => { });
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddResponseCaching();
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://a.example.com", "https://b.example.com")));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseResponseCaching();
                    app.UseEndpoints(e => { });
                }
            }
            """, UseCorsPlacementFixer.CORS104Key, version);
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V9)]
    [InlineData(AspNetCore.V10)]
    public async Task UseOutputCache_before_UseCors_in_minimal_hosting(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOutputCache();
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseOutputCache();
            app.{|CORS104:UseCors()|};
            app.MapGet("/", () => "ok").CacheOutput();
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V10)]
    public async Task Caching_after_UseCors_is_silent(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOutputCache();
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors();
            app.UseOutputCache();
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Caching_in_a_helper_in_another_file_and_a_production_branch()
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
                        using Microsoft.AspNetCore.Hosting;
                        using Microsoft.Extensions.Hosting;

                        public class Startup
                        {
                            public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                            {
                                if (!env.IsDevelopment())
                                {
                                    app.UseCaching();
                                }

                                app.{|CORS104:UseCors(p => p.WithOrigins("https://app.example.com"))|};
                            }
                        }
                        """),
                    ("Caching.cs", """
                        using Microsoft.AspNetCore.Builder;

                        static class Caching
                        {
                            public static void UseCaching(this IApplicationBuilder app) => app.UseResponseCaching();
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
