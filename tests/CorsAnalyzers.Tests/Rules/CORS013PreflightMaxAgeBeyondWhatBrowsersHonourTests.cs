using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS013PreflightMaxAgeBeyondWhatBrowsersHonourFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS013PreflightMaxAgeBeyondWhatBrowsersHonourTests
{
    private const string Clamp = CORS013PreflightMaxAgeBeyondWhatBrowsersHonourFixer.ClampKey;

    // ---- Positive cases ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Long_and_negative_max_ages_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins("https://app.example.com")
                    .SetPreflightMaxAge({|CORS013:TimeSpan.FromHours(3)|}));
                options.AddDefaultPolicy(policy => policy.SetPreflightMaxAge({|CORS013:TimeSpan.FromDays(1)|}));
            });
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins("https://app.example.com").SetPreflightMaxAge({|CORS013:TimeSpan.FromSeconds(-1)|}));
            app.MapGet("/", () => "ok").RequireCors(b => b.SetPreflightMaxAge({|CORS013:new TimeSpan(12, 0, 0)|}));
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_constants_builder_and_hand_built_policy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private const int CacheMinutes = 600;

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddPolicy("statements", policy =>
                        {
                            policy.WithOrigins("https://app.example.com");
                            policy.SetPreflightMaxAge({|CORS013:TimeSpan.FromMinutes(CacheMinutes)|});
                        });
                        options.AddPolicy("built", new CorsPolicyBuilder("https://app.example.com").SetPreflightMaxAge({|CORS013:TimeSpan.MaxValue|}).Build());
                        options.AddPolicy("hand-built", new CorsPolicy { PreflightMaxAge = {|CORS013:TimeSpan.FromSeconds(86400)|} });
                        var negative = new CorsPolicy();
                        negative.PreflightMaxAge = {|CORS013:TimeSpan.FromMinutes(-5)|};
                        options.AddPolicy("negative", negative);
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors("statements");
            }
            """, version);
    }

    [Fact]
    public async Task Max_age_in_a_helper_in_another_file()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Setup.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Setup
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com").CacheLong());
                        }
                        """),
                    ("Helpers.cs", """
                        using System;
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Helpers
                        {
                            public static CorsPolicyBuilder CacheLong(this CorsPolicyBuilder b) => b.SetPreflightMaxAge({|CORS013:TimeSpan.FromHours(10)|});
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Messages_give_the_value_and_the_symptom()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    public static void Configure(CorsOptions options, IApplicationBuilder app)
                    {
                        options.AddPolicy("Spa", p => p.SetPreflightMaxAge({|#0:TimeSpan.FromHours(3)|}));
                        options.AddPolicy("Week", p => p.SetPreflightMaxAge({|#1:TimeSpan.FromDays(7)|}));
                        options.AddPolicy("Broken", p => p.SetPreflightMaxAge({|#2:TimeSpan.FromSeconds(-1)|}));
                        app.UseCors(p => p.SetPreflightMaxAge({|#3:TimeSpan.FromMinutes(-90)|}));
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS013").WithSeverity(DiagnosticSeverity.Info).WithLocation(0).WithArguments(
                    "CORS policy 'Spa'", "3 hours (10800 seconds)",
                    "Chromium caps it at 2 hours and sends the preflight again after that, so the value only misleads; use TimeSpan.FromHours(2) or less"),
                VerifyCS.Diagnostic("CORS013").WithSeverity(DiagnosticSeverity.Info).WithLocation(1).WithArguments(
                    "CORS policy 'Week'", "168 hours (604800 seconds)",
                    "browsers cap it (Chromium at 2 hours, Firefox at 24 hours) and send the preflight again after that, so the value only misleads; use TimeSpan.FromHours(2) or less"),
                VerifyCS.Diagnostic("CORS013").WithSeverity(DiagnosticSeverity.Info).WithLocation(2).WithArguments(
                    "CORS policy 'Broken'", "-1 second",
                    "the CorsPolicy.PreflightMaxAge setter throws ArgumentOutOfRangeException, so the app fails at startup when the CORS middleware is created, even if the policy is never used; use TimeSpan.Zero or a positive value"),
                VerifyCS.Diagnostic("CORS013").WithSeverity(DiagnosticSeverity.Info).WithLocation(3).WithArguments(
                    "The CORS policy passed to UseCors", "-5400 seconds",
                    "the CorsPolicy.PreflightMaxAge setter throws ArgumentOutOfRangeException, so this UseCors call throws at startup; use TimeSpan.Zero or a positive value"),
            },
        };
        await test.RunAsync();
    }

    // ---- Silent cases -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Honoured_unknown_and_overridden_values_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config, TimeSpan maxAge)
                {
                    options.AddPolicy("two-hours", p => p.SetPreflightMaxAge(TimeSpan.FromHours(2)));
                    options.AddPolicy("seconds", p => p.SetPreflightMaxAge(TimeSpan.FromSeconds(7200)));
                    options.AddPolicy("minutes", p => p.SetPreflightMaxAge(new TimeSpan(0, 10, 0)));
                    options.AddPolicy("zero", p => p.SetPreflightMaxAge(TimeSpan.Zero));
                    options.AddPolicy("parameter", p => p.SetPreflightMaxAge(maxAge));
                    options.AddPolicy("configured", p => p.SetPreflightMaxAge(TimeSpan.FromSeconds(config.GetValue<int>("Cors:MaxAge"))));
                    options.AddPolicy("overridden", p => p.SetPreflightMaxAge(TimeSpan.FromDays(1)).SetPreflightMaxAge(TimeSpan.FromHours(1)));
                    options.AddPolicy("hand-built", new CorsPolicy { PreflightMaxAge = TimeSpan.FromMinutes(30) });
                }
            }
            """, version);
    }

    [Fact]
    public async Task Lookalike_types_without_AspNetCore_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;

            public class CorsPolicyBuilder
            {
                public CorsPolicyBuilder SetPreflightMaxAge(TimeSpan maxAge) => this;
            }

            public static class Setup
            {
                public static void Configure() => new CorsPolicyBuilder().SetPreflightMaxAge(TimeSpan.FromDays(1));
            }
            """, AspNetCore.None);
    }

    // ---- Fix: clamp ----------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Clamp_keeps_the_factory_method_where_simple(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("hours", p => p.SetPreflightMaxAge({|CORS013:TimeSpan.FromHours(3)|}) /* cache */);
                    options.AddPolicy("minutes", p => p.SetPreflightMaxAge({|CORS013:TimeSpan.FromMinutes(300)|}));
                    options.AddPolicy("seconds", p => p.SetPreflightMaxAge({|CORS013:System.TimeSpan.FromSeconds(86400)|}));
                    options.AddPolicy("days", p => p.SetPreflightMaxAge({|CORS013:TimeSpan.FromDays(1)|}));
                    options.AddPolicy("ctor", p => p.SetPreflightMaxAge({|CORS013:new TimeSpan(5, 0, 0)|}));
                    options.AddPolicy("negative", p => p.SetPreflightMaxAge({|CORS013:TimeSpan.FromSeconds(-1)|}));
                    options.AddPolicy("hand-built", new CorsPolicy { PreflightMaxAge = {|CORS013:TimeSpan.MaxValue|} });
                }
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("hours", p => p.SetPreflightMaxAge(TimeSpan.FromHours(2)) /* cache */);
                    options.AddPolicy("minutes", p => p.SetPreflightMaxAge(TimeSpan.FromMinutes(120)));
                    options.AddPolicy("seconds", p => p.SetPreflightMaxAge(System.TimeSpan.FromSeconds(7200)));
                    options.AddPolicy("days", p => p.SetPreflightMaxAge(TimeSpan.FromHours(2)));
                    options.AddPolicy("ctor", p => p.SetPreflightMaxAge(TimeSpan.FromHours(2)));
                    options.AddPolicy("negative", p => p.SetPreflightMaxAge(TimeSpan.Zero));
                    options.AddPolicy("hand-built", new CorsPolicy { PreflightMaxAge = TimeSpan.FromHours(2) });
                }
            }
            """, Clamp, version);
    }

    [Fact]
    public async Task FixAll_across_files()
    {
        const string Header = """
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;

            """;
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("A.cs", Header + """
                        public static class A
                        {
                            public static void Configure(CorsOptions o)
                            {
                                o.AddPolicy("a", p => p.SetPreflightMaxAge({|CORS013:TimeSpan.FromHours(24)|}));
                                o.AddPolicy("a2", p => p.SetPreflightMaxAge({|CORS013:TimeSpan.FromSeconds(-10)|}));
                            }
                        }
                        """),
                    ("B.cs", Header + """
                        public static class B
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("b", new CorsPolicy { PreflightMaxAge = {|CORS013:TimeSpan.FromDays(30)|} });
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("A.cs", Header + """
                        public static class A
                        {
                            public static void Configure(CorsOptions o)
                            {
                                o.AddPolicy("a", p => p.SetPreflightMaxAge(TimeSpan.FromHours(2)));
                                o.AddPolicy("a2", p => p.SetPreflightMaxAge(TimeSpan.Zero));
                            }
                        }
                        """),
                    ("B.cs", Header + """
                        public static class B
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("b", new CorsPolicy { PreflightMaxAge = TimeSpan.FromHours(2) });
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = Clamp,
        };
        await test.RunAsync();
    }
}
