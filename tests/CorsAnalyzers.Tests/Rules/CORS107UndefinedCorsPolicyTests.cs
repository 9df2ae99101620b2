using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.CORS107UndefinedCorsPolicyFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS107UndefinedCorsPolicyTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Wrong_case_in_UseCors_is_renamed(AspNetCore version)
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors({|CORS107:"frontend"|});
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Typos_in_metadata_across_files_and_FixAll()
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
                            public void ConfigureServices(IServiceCollection services)
                            {
                                services.AddControllers();
                                services.AddCors(o =>
                                {
                                    o.AddPolicy("orders", p => p.WithOrigins("https://app.example.com"));
                                    o.AddPolicy("reports", p => p.WithOrigins("https://bi.example.com"));
                                });
                            }

                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseCors();
                                app.UseEndpoints(e => e.MapControllers().RequireCors({|CORS107:"order"|}));
                            }
                        }
                        """),
                    ("ReportsController.cs", """
                        using Microsoft.AspNetCore.Cors;
                        using Microsoft.AspNetCore.Mvc;

                        [EnableCors({|CORS107:"reprots"|})]
                        public class ReportsController : ControllerBase
                        {
                            [HttpGet("/reports")] public string Get() => "[]";
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
                            public void ConfigureServices(IServiceCollection services)
                            {
                                services.AddControllers();
                                services.AddCors(o =>
                                {
                                    o.AddPolicy("orders", p => p.WithOrigins("https://app.example.com"));
                                    o.AddPolicy("reports", p => p.WithOrigins("https://bi.example.com"));
                                });
                            }

                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseCors();
                                app.UseEndpoints(e => e.MapControllers().RequireCors("orders"));
                            }
                        }
                        """),
                    ("ReportsController.cs", """
                        using Microsoft.AspNetCore.Cors;
                        using Microsoft.AspNetCore.Mvc;

                        [EnableCors("reports")]
                        public class ReportsController : ControllerBase
                        {
                            [HttpGet("/reports")] public string Get() => "[]";
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = CORS107UndefinedCorsPolicyFixer.UseDefinedPolicyKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Metadata_on_the_other_part_of_a_partial_action_is_read()
    {
        // The implementation's declaration has no attribute list: its attributes come from the defining part, so the
        // method's attributes must still be read (only a method with no attribute list and no other part is skipped).
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.AddCors(o => o.AddPolicy("reports", p => p.WithOrigins("https://bi.example.com")));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseEndpoints(e => e.MapControllers());
                }
            }

            public partial class ReportsController : ControllerBase
            {
                [HttpPut("/reports")]
                [EnableCors({|CORS107:"report"|})]
                public partial string Put();

                [HttpGet("/reports")]
                public string Get() => "[]";
            }

            public partial class ReportsController
            {
                public partial string Put() => "ok";
            }
            """);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Nameless_EnableCors_without_a_default_policy(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/", [{|CORS107:EnableCors|}] () => "ok");
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Nameless_UseCors_with_named_endpoint_policies_is_the_usual_pattern()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/", () => "ok").RequireCors("spa");
            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task Nameless_UseCors_with_nothing_to_apply()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.{|CORS107:UseCors()|};
                    app.UseEndpoints(e => { });
                }
            }
            """);
    }

    [Fact]
    public async Task A_name_from_configuration_makes_every_name_unknown()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var name = builder.Configuration["Cors:PolicyName"]!;
            builder.Services.AddCors(o => o.AddPolicy(name, p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors("spa");
            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task Policies_defined_in_a_helper_in_another_file_count()
    {
        var test = new VerifyCS.Test(AspNetCore.V8, topLevel: true)
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
                        builder.Services.AddAppCors();
                        var app = builder.Build();
                        app.UseCors(CorsSetup.Spa);
                        app.Run();
                        """),
                    ("CorsSetup.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        static class CorsSetup
                        {
                            public const string Spa = "spa";

                            public static IServiceCollection AddAppCors(this IServiceCollection services) =>
                                services.AddCors(o => o.AddPolicy(Spa, p => p.WithOrigins("https://app.example.com")));
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task No_close_name_means_no_rename()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors({|CORS107:"partners"|});
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
            CodeActionEquivalenceKey = CORS107UndefinedCorsPolicyFixer.UseDefinedPolicyKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();

    // CORS113 (no exception handler) is an Info that most of these small apps would raise; it has its own tests.
    private static Task VerifyAsync(string source, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, DisabledDiagnostics = { "CORS113" } }.RunAsync();

    private static Task VerifyCodeFixAsync(string source, string fixedSource, string key, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key, DisabledDiagnostics = { "CORS113" } }.RunAsync();
}
