using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.CORS113NoExceptionHandlerFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS113NoExceptionHandlerTests
{
    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V9)]
    [InlineData(AspNetCore.V10)]
    public async Task Minimal_api_without_exception_handler_gets_problem_details_and_the_handler(AspNetCore version)
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.{|CORS113:UseCors(p => p.WithOrigins("https://app.example.com"))|};
            app.MapGet("/", () => "ok");
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            builder.Services.AddProblemDetails();
            var app = builder.Build();
            app.UseExceptionHandler();
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.MapGet("/", () => "ok");
            app.Run();
            """, version);
    }

    [Fact]
    public async Task AspNetCore_6_gets_the_diagnostic_without_a_fix()
    {
        await new VerifyCS.Test(AspNetCore.V6, topLevel: true)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors();
                var app = builder.Build();
                app.{|CORS113:UseCors(p => p.WithOrigins("https://app.example.com"))|};
                app.Run();
                """,
        }.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Exception_handler_outside_development_is_silent(AspNetCore version)
    {
        await new VerifyCS.Test(version, topLevel: true)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors();
                var app = builder.Build();
                if (!app.Environment.IsDevelopment())
                {
                    app.UseExceptionHandler("/error");
                }

                app.UseCors(p => p.WithOrigins("https://app.example.com"));
                app.Run();
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Exception_handler_only_in_development_is_reported_in_a_Startup()
    {
        await new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Hosting;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;

                public class Startup
                {
                    public void ConfigureServices(IServiceCollection services)
                    {
                        services.AddCors();
                    }

                    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                    {
                        if (env.IsDevelopment())
                        {
                            app.UseDeveloperExceptionPage();
                        }

                        app.UseRouting();
                        app.{|CORS113:UseCors(p => p.WithOrigins("https://app.example.com"))|};
                        app.UseEndpoints(e => { });
                    }
                }
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Hosting;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;

                public class Startup
                {
                    public void ConfigureServices(IServiceCollection services)
                    {
                        services.AddCors();
                        services.AddProblemDetails();
                    }

                    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                    {
                        if (env.IsDevelopment())
                        {
                            app.UseDeveloperExceptionPage();
                        }

                        app.UseExceptionHandler();
                        app.UseRouting();
                        app.UseCors(p => p.WithOrigins("https://app.example.com"));
                        app.UseEndpoints(e => { });
                    }
                }
                """,
            CodeActionEquivalenceKey = CORS113NoExceptionHandlerFixer.AddExceptionHandlerKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();
    }

    [Fact]
    public async Task Custom_middleware_may_handle_exceptions()
    {
        await new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors();
                var app = builder.Build();
                app.Use(async (context, next) =>
                {
                    try { await next(context); }
                    catch { context.Response.StatusCode = 500; }
                });
                app.UseCors(p => p.WithOrigins("https://app.example.com"));
                app.Run();
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Exception_handler_in_a_helper_in_another_file_counts()
    {
        var test = new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
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
                        app.UseErrors();
                        app.UseCors(p => p.WithOrigins("https://app.example.com"));
                        app.Run();
                        """),
                    ("Errors.cs", """
                        using Microsoft.AspNetCore.Builder;

                        static class Errors
                        {
                            public static void UseErrors(this WebApplication app) => app.UseExceptionHandler("/error");
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

    private static Task VerifyFixAsync(string source, string fixedSource, AspNetCore version) =>
        new VerifyCS.Test(version, topLevel: true)
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = CORS113NoExceptionHandlerFixer.AddExceptionHandlerKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();
}
