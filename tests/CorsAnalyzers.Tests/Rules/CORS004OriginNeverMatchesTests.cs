using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS004OriginNeverMatchesFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS004OriginNeverMatchesTests
{
    private const string Rewrite = CORS004OriginNeverMatchesFixer.RewriteOriginKey;
    private const string Split = CORS004OriginNeverMatchesFixer.SplitOriginsKey;

    private static DiagnosticResult Warning(string id) => VerifyCS.Diagnostic(id).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);

    // ---- Positive cases, in every policy shape -------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Minimal_hosting_AddPolicy_UseCors_and_RequireCors(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins({|CORS004:"https://app.example.com/"|}, "https://admin.example.com"));
                options.AddDefaultPolicy(policy => policy.WithOrigins({|CORS004:"https://app.example.com:443"|}));
            });
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins({|CORS004:"app.example.com"|}));
            app.MapGet("/orders", () => "[]").RequireCors(b => b.WithOrigins({|CORS004:" https://app.example.com"|}));
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_builder_and_hand_built_policy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddPolicy("statements", policy =>
                        {
                            policy.WithOrigins({|CORS004:"https://app.example.com/login"|});
                            policy.AllowAnyHeader();
                        });

                        var handBuilt = new CorsPolicy();
                        handBuilt.Origins.Add({|CORS004:"https://App.example.com"|});
                        handBuilt.Origins.Add("https://admin.example.com");
                        options.AddPolicy("hand-built", handBuilt);
                        options.AddPolicy("initializer", new CorsPolicy { Origins = { {|CORS004:"http://app.example.com:80"|} } });
                    });
                }

                public void Configure(IApplicationBuilder app)
                {
                    var policy = new CorsPolicyBuilder({|CORS004:"https://app.example.com?x=1"|}).Build();
                    app.UseCors("statements");
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Constants_static_readonly_arrays_and_collection_expressions(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Origins
            {
                public const string Shop = "https://shop.example.com/";
                private const string Host = "app.example.com";
                private static readonly string[] All = { {|CORS004:"https://a.example.com/"|}, "https://b.example.com" };

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("const", p => p.WithOrigins({|CORS004:Shop|}));
                    options.AddPolicy("interpolated", p => p.WithOrigins({|CORS004:$"https://{Host}/"|}));
                    options.AddPolicy("array", p => p.WithOrigins(new[] { {|CORS004:"https://app.example.com/"|} }));
                    options.AddPolicy("collection", p => p.WithOrigins([{|CORS004:"https://app.example.com,https://admin.example.com"|}]));
                    options.AddPolicy("field", p => p.WithOrigins(All));
                }
            }
            """, version);
    }

    [Fact]
    public async Task Helper_in_another_file()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Setup
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com").WithShop());
                        }
                        """),
                    ("CorsHelpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class CorsHelpers
                        {
                            public static CorsPolicyBuilder WithShop(this CorsPolicyBuilder b) => b.WithOrigins({|CORS004:"https://shop.example.com/"|});
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Message_gives_the_reason_and_the_corrected_origin()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    public static void Configure(CorsOptions options)
                    {
                        options.AddPolicy("spa", p => p.WithOrigins({|#0:"https://app.example.com/"|}, {|#1:"https://a.example.com,https://b.example.com"|}, {|#2:"app.example.com:3000"|}));
                        options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|#3:"https://App.example.com:443"|} } });
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                Warning("CORS004").WithLocation(0).WithArguments("CORS policy 'spa'", "https://app.example.com/",
                    "browsers send origins without a trailing slash, so requests from https://app.example.com are blocked; write 'https://app.example.com'"),
                Warning("CORS004").WithLocation(1).WithArguments("CORS policy 'spa'", "https://a.example.com,https://b.example.com",
                    "it is one string holding several origins, and browsers send one origin, so requests from https://a.example.com and https://b.example.com are all blocked; pass each origin as its own value"),
                Warning("CORS004").WithLocation(2).WithArguments("CORS policy 'spa'", "app.example.com:3000",
                    "browsers always send the scheme, so requests from https://app.example.com:3000 are blocked; write 'https://app.example.com:3000' (or the scheme the page really uses)"),
                Warning("CORS004").WithLocation(3).WithArguments("This CorsPolicy", "https://App.example.com:443",
                    "browsers send origins without the default port :443 and in lower case (a hand-built CorsPolicy compares its Origins exactly as written), so requests from https://app.example.com are blocked; write 'https://app.example.com'"),
            },
        };
        await test.RunAsync();
    }

    // ---- Negative cases ----------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Valid_unknown_and_special_origins_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config, string fromCaller)
                {
                    options.AddPolicy("valid", p => p.WithOrigins("https://app.example.com", "http://app.example.com:3000", "https://api.example.com:8443"));
                    options.AddPolicy("upper-case", p => p.WithOrigins("HTTPS://App.Example.com"));
                    options.AddPolicy("idn", p => p.WithOrigins("https://bücher.de/"));
                    options.AddPolicy("ipv6", p => p.WithOrigins("http://[2001:db8::1]:5000/"));
                    options.AddPolicy("configured", p => p.WithOrigins(config["Cors:Origin"]!, fromCaller));
                    options.AddPolicy("wildcard-subdomain", p => p.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains());
                    options.AddPolicy("predicate", p => p.WithOrigins("https://app.example.com/").SetIsOriginAllowed(o => o == "https://app.example.com"));
                    options.AddPolicy("any", p => p.AllowAnyOrigin());
                    options.AddPolicy("app-scheme", p => p.WithOrigins("capacitor://localhost", "chrome-extension://abcdefgh"));
                }
            }
            """, version);
    }

    [Fact]
    public async Task Lookalike_types_without_AspNetCore_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace MyApp.Cors
            {
                public class CorsPolicyBuilder
                {
                    public CorsPolicyBuilder WithOrigins(params string[] origins) => this;
                }

                public static class Setup
                {
                    public static void Configure() => new CorsPolicyBuilder().WithOrigins("https://app.example.com/");
                }
            }
            """, AspNetCore.None);
    }

    // ---- Fixes -------------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Rewrite_keeps_the_quoting_style_and_fixes_a_const_in_the_same_file(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync(""""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private const string Shop = "https://shop.example.com:443"; // the shop

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("spa", p => p
                        .WithOrigins({|CORS004:"https://app.example.com/"|}, // main app
                                     {|CORS004:@"https://admin.example.com/"|},
                                     {|CORS004:"""https://docs.example.com/"""|},
                                     {|CORS004:Shop|})
                        .AllowAnyHeader());
                    options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|CORS004:"https://App.example.com"|} } });
                }
            }
            """", """"
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private const string Shop = "https://shop.example.com"; // the shop

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("spa", p => p
                        .WithOrigins("https://app.example.com", // main app
                                     @"https://admin.example.com",
                                     """https://docs.example.com""",
                                     Shop)
                        .AllowAnyHeader());
                    options.AddPolicy("hand-built", new CorsPolicy { Origins = { "https://app.example.com" } });
                }
            }
            """", Rewrite, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Split_a_comma_joined_list(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("args", p => p.WithOrigins({|CORS004:"https://a.example.com, https://b.example.com/"|}).AllowAnyHeader());
                    options.AddPolicy("array", p => p.WithOrigins(new[] { {|CORS004:"https://a.example.com;https://b.example.com"|}, "https://c.example.com" }));
                    var builder = new CorsPolicyBuilder({|CORS004:"https://a.example.com,https://b.example.com"|});
                }
            }
            """, """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("args", p => p.WithOrigins("https://a.example.com", "https://b.example.com").AllowAnyHeader());
                    options.AddPolicy("array", p => p.WithOrigins(new[] { "https://a.example.com", "https://b.example.com", "https://c.example.com" }));
                    var builder = new CorsPolicyBuilder("https://a.example.com", "https://b.example.com");
                }
            }
            """, Split, version);
    }

    [Fact]
    public async Task No_fix_without_a_certain_rewrite_or_outside_this_file()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private const string Host = "app.example.com";
                private const string List = "https://a.example.com,https://b.example.com";

                public static void Configure(CorsOptions options, CorsPolicy policy)
                {
                    options.AddPolicy("no-scheme", p => p.WithOrigins({|CORS004:"app.example.com"|}));
                    options.AddPolicy("interpolated", p => p.WithOrigins({|CORS004:$"https://{Host}/"|}));
                    options.AddPolicy("const-list", p => p.WithOrigins({|CORS004:List|}));
                    options.AddPolicy("spaced-wildcard", p => p.WithOrigins({|CORS004:" *"|}));
                    options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|CORS004:"NULL"|} } });
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, source, Rewrite);
        await VerifyCS.VerifyCodeFixAsync(source, source, Split);
    }

    [Fact]
    public async Task Rewrite_in_a_helper_judged_at_compilation_end()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", Caller),
                    ("CorsHelpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class CorsHelpers
                        {
                            public static CorsPolicyBuilder WithShop(this CorsPolicyBuilder b) => b.WithOrigins({|CORS004:"https://shop.example.com/"|});
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", Caller),
                    ("CorsHelpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class CorsHelpers
                        {
                            public static CorsPolicyBuilder WithShop(this CorsPolicyBuilder b) => b.WithOrigins("https://shop.example.com");
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = Rewrite,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    private const string Caller = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        public static class Setup
        {
            public static void Configure(CorsOptions o) => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com").WithShop());
        }
        """;

    [Fact]
    public async Task FixAll_across_files()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Setup
                        {
                            public static void Configure(CorsOptions o)
                            {
                                o.AddPolicy("a", p => p.WithOrigins({|CORS004:"https://a.example.com/"|}, {|CORS004:"https://b.example.com:443"|}));
                                o.AddDefaultPolicy(p => p.WithOrigins({|CORS004:"https://c.example.com/"|}));
                            }
                        }
                        """),
                    ("Admin.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Admin
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("admin", p => p.WithOrigins({|CORS004:"https://admin.example.com/"|}));
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Setup
                        {
                            public static void Configure(CorsOptions o)
                            {
                                o.AddPolicy("a", p => p.WithOrigins("https://a.example.com", "https://b.example.com"));
                                o.AddDefaultPolicy(p => p.WithOrigins("https://c.example.com"));
                            }
                        }
                        """),
                    ("Admin.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Admin
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("admin", p => p.WithOrigins("https://admin.example.com"));
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = Rewrite,
        };
        await test.RunAsync();
    }
}
