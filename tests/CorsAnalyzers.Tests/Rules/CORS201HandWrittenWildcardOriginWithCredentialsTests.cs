using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.HeaderAnalyzer, CorsAnalyzers.CodeFixes.CORS201HandWrittenWildcardOriginWithCredentialsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS201HandWrittenWildcardOriginWithCredentialsTests
{
    private const string Fix = CodeFixes.CORS201HandWrittenWildcardOriginWithCredentialsFixer.AllowConfiguredOriginsKey;

    // ---- Positive cases, in every form of header write and every place middleware code lives -------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Indexer_in_inline_middleware_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                await next();
            });
            app.MapGet("/", () => "hello");
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Append_with_HeaderNames_in_a_middleware_class(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Net.Http.Headers;

            public sealed class OpenCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public OpenCorsMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    context.Response.Headers.Append(HeaderNames.AccessControlAllowCredentials, "true");
                    {|CORS201:context.Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, "*")|};
                    return _next(context);
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Add_and_TryAdd_with_constants_in_any_case(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Http;

            public static class LegacyHeaders
            {
                private const string AllowOrigin = "access-control-allow-origin";
                private const string Credentials = "Access-Control-Allow-" + "Credentials";
                private const string Any = "*";

                public static void WithAdd(HttpContext context)
                {
                    {|CORS201:context.Response.Headers.Add(AllowOrigin, Any)|};
                    context.Response.Headers.Add(Credentials, "True");
                }

                public static void WithTryAdd(HttpResponse response)
                {
                    var headers = response.Headers;
                    {|CORS201:headers.TryAdd("Access-Control-Allow-Origin", "*")|};
                    headers.TryAdd("Access-Control-Allow-Credentials", bool.TrueString);
                }
            }
            """, version);
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V9)]
    [InlineData(AspNetCore.V10)]
    public async Task Typed_properties_of_IHeaderDictionary(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.Use(async (context, next) =>
            {
                {|CORS201:context.Response.Headers.AccessControlAllowOrigin = "*"|};
                context.Response.Headers.AccessControlAllowCredentials = "true";
                await next(context);
            });
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task OnStarting_callback_writes_the_same_response(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;

            public static class Pipeline
            {
                public static void Configure(IApplicationBuilder app)
                {
                    app.Use(async (context, next) =>
                    {
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                        context.Response.OnStarting(() =>
                        {
                            {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                            return Task.CompletedTask;
                        });
                        await next();
                    });
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Mvc_filters(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class CorsActionFilter : IActionFilter
            {
                public void OnActionExecuting(ActionExecutingContext context)
                {
                    var headers = context.HttpContext.Response.Headers;
                    {|CORS201:headers["Access-Control-Allow-Origin"] = "*"|};
                    headers["Access-Control-Allow-Credentials"] = "true";
                }

                public void OnActionExecuted(ActionExecutedContext context)
                {
                }
            }

            public sealed class CorsResultFilter : IAsyncResultFilter
            {
                public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
                {
                    context.HttpContext.Response.Headers.Append("Access-Control-Allow-Credentials", "true");
                    {|CORS201:context.HttpContext.Response.Headers.Append("Access-Control-Allow-Origin", "*")|};
                    return next();
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_Configure_with_a_middleware_class_in_another_file(AspNetCore version)
    {
        var test = new VerifyCS.Test(version);
        test.TestState.Sources.Add(("Startup.cs", """
            using Microsoft.AspNetCore.Builder;

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseMiddleware<LegacyCorsMiddleware>();
                    app.Use(async (context, next) =>
                    {
                        {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                        await next();
                    });
                }
            }
            """));
        test.TestState.Sources.Add(("LegacyCorsMiddleware.cs", """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class LegacyCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public LegacyCorsMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = new[] { "*" }|};
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                    await _next(context);
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_helper_taking_the_header_dictionary()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class CorsHeaders
            {
                public static void Open(IHeaderDictionary headers)
                {
                    {|CORS201:headers["Access-Control-Allow-Origin"] = "*"|};
                    headers["Access-Control-Allow-Credentials"] = "true";
                }
            }
            """);
    }

    [Fact]
    public async Task Wildcard_in_one_branch_with_credentials_always()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class CorsHeaders
            {
                public static void Write(HttpContext context, bool open)
                {
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                    if (open)
                    {
                        {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                    }
                }
            }
            """);
    }

    // ---- The fix: the configured origins instead of '*' ----------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Fix_in_inline_middleware_echoes_configured_origins(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|}; // open to all
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                await next();
            });
            app.Run();
            """, """
            using System.Linq;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                if (builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>()?.Contains(context.Request.Headers["Origin"].ToString()) == true)
                {
                    context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"].ToString(); // open to all
                    context.Response.Headers.Append("Vary", "Origin");
                }
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                await next();
            });
            app.Run();
            """, Fix, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Fix_all_in_a_middleware_class_and_a_filter(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc.Filters;
            using Microsoft.Net.Http.Headers;

            public sealed class OpenCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public OpenCorsMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    {|CORS201:context.Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, "*")|};
                    context.Response.Headers.Append(HeaderNames.AccessControlAllowCredentials, "true");
                    context.Response.Headers.Append(HeaderNames.Vary, "Origin");
                    return _next(context);
                }
            }

            public sealed class OpenCorsFilter : IResultFilter
            {
                public void OnResultExecuting(ResultExecutingContext context)
                {
                    {|CORS201:context.HttpContext.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                    context.HttpContext.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                }

                public void OnResultExecuted(ResultExecutedContext context)
                {
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc.Filters;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Net.Http.Headers;

            public sealed class OpenCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public OpenCorsMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    if (context.Response.HttpContext.RequestServices.GetRequiredService<IConfiguration>().GetSection("Cors:AllowedOrigins").Get<string[]>()?.Contains(context.Request.Headers["Origin"].ToString()) == true)
                    {
                        context.Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, context.Request.Headers["Origin"].ToString());
                    }
                    context.Response.Headers.Append(HeaderNames.AccessControlAllowCredentials, "true");
                    context.Response.Headers.Append(HeaderNames.Vary, "Origin");
                    return _next(context);
                }
            }

            public sealed class OpenCorsFilter : IResultFilter
            {
                public void OnResultExecuting(ResultExecutingContext context)
                {
                    if (context.HttpContext.Response.HttpContext.RequestServices.GetRequiredService<IConfiguration>().GetSection("Cors:AllowedOrigins").Get<string[]>()?.Contains(context.HttpContext.Request.Headers["Origin"].ToString()) == true)
                    {
                        context.HttpContext.Response.Headers["Access-Control-Allow-Origin"] = context.HttpContext.Request.Headers["Origin"].ToString();
                        context.HttpContext.Response.Headers.Append("Vary", "Origin");
                    }
                    context.HttpContext.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                }

                public void OnResultExecuted(ResultExecutedContext context)
                {
                }
            }
            """, Fix, version);
    }

    [Fact]
    public async Task Fix_in_another_file_than_the_top_level_program_with_implicit_usings_and_branches()
    {
        const string program = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseMiddleware<CorsSample.LegacyCorsMiddleware>();
            app.Run();
            """;
        const string globalUsings = """
            global using System.Linq;
            global using Microsoft.AspNetCore.Builder;
            global using Microsoft.AspNetCore.Http;
            global using Microsoft.Extensions.Configuration;
            global using Microsoft.Extensions.DependencyInjection;
            """;
        var test = new VerifyCS.Test(AspNetCore.V10, topLevel: true) { CodeActionEquivalenceKey = Fix };
        test.TestState.Sources.Add(("Program.cs", program));
        test.TestState.Sources.Add(("GlobalUsings.cs", globalUsings));
        test.TestState.Sources.Add(("LegacyCorsMiddleware.cs", """
            namespace CorsSample;

            public sealed class LegacyCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public LegacyCorsMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    if (context.Request.Path.StartsWithSegments("/partners"))
                    {
                        context.Response.Headers["Access-Control-Allow-Origin"] = "https://partners.example.com";
                        context.Response.Headers["Vary"] = "Origin";
                    }
                    else
                    {
                        {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                    }

                    await _next(context);
                }
            }
            """.Replace("public async Task", "public async System.Threading.Tasks.Task")));
        test.FixedState.Sources.Add(("Program.cs", program));
        test.FixedState.Sources.Add(("GlobalUsings.cs", globalUsings));
        test.FixedState.Sources.Add(("LegacyCorsMiddleware.cs", """
            namespace CorsSample;

            public sealed class LegacyCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public LegacyCorsMiddleware(RequestDelegate next) => _next = next;

                public async System.Threading.Tasks.Task InvokeAsync(HttpContext context)
                {
                    if (context.Request.Path.StartsWithSegments("/partners"))
                    {
                        context.Response.Headers["Access-Control-Allow-Origin"] = "https://partners.example.com";
                        context.Response.Headers["Vary"] = "Origin";
                    }
                    else
                    {
                        if (context.Response.HttpContext.RequestServices.GetRequiredService<IConfiguration>().GetSection("Cors:AllowedOrigins").Get<string[]>()?.Contains(context.Request.Headers["Origin"].ToString()) == true)
                        {
                            context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"].ToString();
                            context.Response.Headers.Append("Vary", "Origin");
                        }
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                    }

                    await _next(context);
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_without_a_statement_or_a_request()
    {
        await new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Http;

                public static class CorsHeaders
                {
                    public static void Open(IHeaderDictionary headers)
                    {
                        {|CORS201:headers["Access-Control-Allow-Origin"] = "*"|};
                        headers["Access-Control-Allow-Credentials"] = "true";
                    }

                    public static bool Expression(HttpResponse response) =>
                        ({|CORS201:response.Headers["Access-Control-Allow-Origin"] = "*"|}) == "*" && (response.Headers["Access-Control-Allow-Credentials"] = "true") == "true";
                }
                """,
            FixedState = { MarkupHandling = MarkupMode.Allow, InheritanceMode = StateInheritanceMode.AutoInheritAll },
        }.RunAsync();
    }

    // ---- Negative cases ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Specific_origin_with_credentials_is_only_hand_written(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.Use(async (context, next) =>
            {
                {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com"|};
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                context.Response.Headers["Vary"] = "Origin";
                await next();
            });
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Only_one_of_the_two_headers()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class CorsHeaders
            {
                public static void PublicApi(HttpResponse response) => {|CORS203:response.Headers["Access-Control-Allow-Origin"] = "*"|};

                public static void CredentialsOnly(HttpResponse response) => {|CORS203:response.Headers["Access-Control-Allow-Credentials"] = "true"|};

                public static void NotTrue(HttpResponse response)
                {
                    {|CORS203:response.Headers["Access-Control-Allow-Origin"] = "*"|};
                    response.Headers["Access-Control-Allow-Credentials"] = "false";
                }
            }
            """);
    }

    [Fact]
    public async Task Exclusive_branches_and_separate_lambdas()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class CorsHeaders
            {
                public static void Either(HttpContext context, bool publicApi)
                {
                    if (publicApi)
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                    }
                    else
                    {
                        context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com";
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                        context.Response.Headers["Vary"] = "Origin";
                    }
                }

                public static void Separate(IApplicationBuilder app)
                {
                    // Two middleware: each is judged on its own (a known false negative when both run).
                    app.Use(async (context, next) =>
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                        await next();
                    });
                    app.Use(async (context, next) =>
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Credentials"] = "true"|};
                        await next();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Other_headers_request_headers_HttpClient_and_dictionaries_stay_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using Microsoft.AspNetCore.Http;

            public static class NotResponses
            {
                public static void Write(HttpContext context, HttpRequestMessage outgoing, HttpClient client, Dictionary<string, string> bag)
                {
                    context.Response.Headers["X-Frame-Options"] = "DENY";
                    context.Response.Headers.Append("Cache-Control", "no-store");
                    context.Request.Headers["Access-Control-Allow-Origin"] = "*";
                    context.Request.Headers["Access-Control-Allow-Credentials"] = "true";
                    outgoing.Headers.Add("Access-Control-Allow-Origin", "*");
                    outgoing.Headers.Add("Access-Control-Allow-Credentials", "true");
                    client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
                    client.DefaultRequestHeaders.TryAddWithoutValidation("Access-Control-Allow-Credentials", "true");
                    bag["Access-Control-Allow-Origin"] = "*";
                    bag.Add("Access-Control-Allow-Credentials", "true");
                    bag.TryAdd("Access-Control-Max-Age", "600");
                    var response = new HttpResponseMessage();
                    response.Headers.Add("Access-Control-Allow-Origin", "*");
                    response.Headers.Add("Access-Control-Allow-Credentials", "true");
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
                using System.Collections.Generic;

                public sealed class Response
                {
                    public Dictionary<string, string> Headers { get; } = new();
                }

                public static class Legacy
                {
                    public static void Write(Response response)
                    {
                        response.Headers["Access-Control-Allow-Origin"] = "*";
                        response.Headers["Access-Control-Allow-Credentials"] = "true";
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Incomplete_code_does_not_throw_and_reports_what_is_certain()
    {
        await new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Http;

                public static class Typing
                {
                    public static void Write(HttpContext context)
                    {
                        {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true"
                        context.Response.Headers[] = "*";
                        context.Response.Headers.Append("Access-Control-Allow-Origin", );
                        context.Response.Headers.AccessControlAllowEverything = "*";
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
    }
}
