using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.UseCorsPlacementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS102UseCorsAfterEndpointsTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseCors_after_UseEndpoints_in_Startup_is_moved_before_it(AspNetCore version)
    {
        await VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors();

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "ok"));
                    app.{|CORS102:UseCors(p => p.WithOrigins("https://app.example.com"))|};
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors();

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors(p => p.WithOrigins("https://app.example.com"));
                    app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "ok"));
                }
            }
            """, UseCorsPlacementFixer.CORS102Key, version);
    }

    [Fact]
    public async Task UseCors_after_a_terminal_Run_handler()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.Run(context => context.Response.WriteAsync("hello"));
            app.{|CORS102:UseCors(p => p.AllowAnyOrigin())|};
            """, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseCors_after_Map_calls_on_WebApplication_works(AspNetCore version)
    {
        // WebApplication adds UseRouting before and UseEndpoints after the app's middleware: Map* ends nothing.
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.MapGet("/health", () => "ok");
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Helper_with_UseEndpoints_in_another_file()
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
                            public void ConfigureServices(IServiceCollection services) => services.AddCors();

                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseApiEndpoints();
                                app.{|CORS102:UseCors(p => p.WithOrigins("https://app.example.com"))|};
                            }
                        }
                        """),
                    ("Endpoints.cs", """
                        using Microsoft.AspNetCore.Builder;

                        public static class Endpoints
                        {
                            public static void UseApiEndpoints(this IApplicationBuilder app) => app.UseEndpoints(e => e.MapGet("/", () => "ok"));
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Exclusive_branches_are_not_one_pipeline()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public class Startup
            {
                public static bool Maintenance;

                public void Configure(IApplicationBuilder app)
                {
                    if (Maintenance)
                    {
                        app.Run(context => context.Response.WriteAsync("down"));
                    }
                    else
                    {
                        app.UseCors(p => p.WithOrigins("https://app.example.com"));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Development_only_UseCors_after_UseEndpoints()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    app.UseEndpoints(e => { });
                    if (env.IsDevelopment())
                    {
                        app.{|CORS102:UseCors(p => p.WithOrigins("http://localhost:5173"))|};
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
