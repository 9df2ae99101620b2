using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.InsertPipelineStatementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS106CorsServicesNotRegisteredTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseCors_without_AddCors_in_minimal_hosting_gets_AddCors_after_the_registrations(AspNetCore version)
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.{|CORS106:UseCors(p => p.WithOrigins("https://app.example.com"))|};
            app.MapRazorPages();
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddHealthChecks();
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.MapRazorPages();
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task No_registrations_at_all_adds_AddCors_before_Build()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.{|CORS106:UseCors(p => p.WithOrigins("https://app.example.com"))|};
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.Run();
            """, AspNetCore.V10, topLevel: true);
    }

    [Fact]
    public async Task Startup_across_files_and_FixAll_adds_one_registration()
    {
        const string Admin = """
            using Microsoft.AspNetCore.Builder;

            public class AdminStartup
            {
                public void Configure(IApplicationBuilder app) => app.{|CORS106:UseCors(p => p.WithOrigins("https://admin.example.com"))|};
            }
            """;
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
                            public void ConfigureServices(IServiceCollection services)
                            {
                                services.AddRouting();
                            }

                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.{|CORS106:UseCors(p => p.WithOrigins("https://app.example.com"))|};
                            }
                        }
                        """),
                    ("AdminStartup.cs", Admin),
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
                            public void ConfigureServices(IServiceCollection services)
                            {
                                services.AddRouting();
                                services.AddCors();
                            }

                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseCors(p => p.WithOrigins("https://app.example.com"));
                            }
                        }
                        """),
                    ("AdminStartup.cs", Admin.Replace("{|CORS106:", string.Empty).Replace(")|};", ");")),
                },
            },
            CodeActionEquivalenceKey = InsertPipelineStatementFixer.CORS106Key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task AddControllers_registers_CORS(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.MapControllers();
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task AddCors_on_the_MVC_core_builder_or_in_a_helper_counts()
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
                            public void ConfigureServices(IServiceCollection services) => services.AddApi();

                            public void Configure(IApplicationBuilder app) => app.UseCors(p => p.WithOrigins("https://app.example.com"));
                        }
                        """),
                    ("Services.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public static class Services
                        {
                            public static void AddApi(this IServiceCollection services) => services.AddMvcCore().AddCors();
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

    private static Task VerifyFixAsync(string source, string fixedSource, AspNetCore version, bool topLevel) =>
        new VerifyCS.Test(version, topLevel)
        {
            DisabledDiagnostics = { "CORS113" },
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = InsertPipelineStatementFixer.CORS106Key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();

    // CORS113 (no exception handler) is an Info that most of these small apps would raise; it has its own tests.
    private static Task VerifyAsync(string source, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, DisabledDiagnostics = { "CORS113" } }.RunAsync();

    private static Task VerifyCodeFixAsync(string source, string fixedSource, string key, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key, DisabledDiagnostics = { "CORS113" } }.RunAsync();
}
