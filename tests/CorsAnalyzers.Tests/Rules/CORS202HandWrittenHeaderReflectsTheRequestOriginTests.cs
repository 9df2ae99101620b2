using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.HeaderAnalyzer, CorsAnalyzers.CodeFixes.CORS202HandWrittenHeaderReflectsTheRequestOriginFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS202HandWrittenHeaderReflectsTheRequestOriginTests
{
    private const string Fix = CodeFixes.CORS202HandWrittenHeaderReflectsTheRequestOriginFixer.CheckConfiguredOriginsKey;

    // ---- Positive cases: the Origin echoed in every form ---------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Origin_indexer_echoed_in_inline_middleware(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.Use(async (context, next) =>
            {
                {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|};
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                await next();
            });
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Origin_through_locals_ToString_and_HeaderNames_in_a_middleware_class(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Net.Http.Headers;

            public sealed class EchoCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public EchoCorsMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    var requestHeaders = context.Request.Headers;
                    string origin = requestHeaders[HeaderNames.Origin].ToString();
                    var headers = context.Response.Headers;
                    if (!string.IsNullOrEmpty(origin))
                    {
                        {|CORS202:headers.Append(HeaderNames.AccessControlAllowOrigin, origin)|};
                        headers.Append(HeaderNames.Vary, "Origin");
                    }

                    await _next(context);
                }
            }
            """, version);
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V9)]
    [InlineData(AspNetCore.V10)]
    public async Task Typed_Origin_property_interpolated_and_TryAdd(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            public static class Echo
            {
                public static void Typed(HttpContext context)
                {
                    {|CORS202:context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin|};
                }

                public static void Interpolated(HttpContext context)
                {
                    var origin = context.Request.Headers.Origin;
                    {|CORS202:context.Response.Headers.TryAdd("Access-Control-Allow-Origin", $"{origin}")|};
                }

                public static void Added(HttpContext context)
                {
                    {|CORS202:context.Response.Headers.Add("access-control-allow-origin", context.Request.Headers["origin"].FirstOrDefault() ?? "*")|};
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task TryGetValue_on_the_request_headers_is_not_a_check(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Echo
            {
                public static void Write(HttpContext context)
                {
                    if (context.Request.Headers.TryGetValue("Origin", out var origin) && origin.Count > 0)
                    {
                        {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                    }
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task OnStarting_callback_and_filter(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class EchoFilter : IAsyncResultFilter
            {
                public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
                {
                    var response = context.HttpContext.Response;
                    var origin = context.HttpContext.Request.Headers["Origin"];
                    response.OnStarting(() =>
                    {
                        {|CORS202:response.Headers["Access-Control-Allow-Origin"] = origin|};
                        return Task.CompletedTask;
                    });
                    await next();
                }
            }
            """, version);
    }

    [Fact]
    public async Task Deny_lists_and_null_checks_are_not_allow_lists()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Echo
            {
                public static void DenyList(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    if (origin == "null")
                    {
                        return;
                    }

                    if (origin != "https://evil.example")
                    {
                        {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                    }
                }

                public static void NullChecks(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    if (origin is null || origin == "" || string.IsNullOrWhiteSpace(origin))
                    {
                        return;
                    }

                    {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                }

                public static void FlagSetWithoutACheck(HttpContext context, bool enabled)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    var echo = false;
                    if (enabled)
                    {
                        echo = true;
                    }

                    if (echo)
                    {
                        {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                    }
                }

                public static void SwitchWhoseDefaultGoesOn(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    switch (origin)
                    {
                        case "null":
                            return;
                        default:
                            break;
                    }

                    {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                }

                public static void UnrelatedCondition(HttpContext context)
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                    {
                        {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|};
                    }
                }
            }
            """);
    }

    // ---- Negative cases: validated echoes are correct code -------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Echo_inside_an_allow_list_check(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class AllowListCorsMiddleware
            {
                private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "https://app.example.com" };
                private readonly RequestDelegate _next;

                public AllowListCorsMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    if (Allowed.Contains(origin))
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                        context.Response.Headers["Vary"] = "Origin";
                    }

                    await _next(context);
                }
            }
            """, version);
    }

    [Fact]
    public async Task Validated_echo_variants()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            public sealed class Echoes
            {
                private readonly string[] _origins = { "https://a.example.com", "https://b.example.com" };
                private readonly Dictionary<string, string> _canonical = new(StringComparer.OrdinalIgnoreCase);

                public void EarlyReturn(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    if (string.IsNullOrEmpty(origin) || !_origins.Contains(origin))
                    {
                        context.Response.StatusCode = 403;
                        return;
                    }

                    {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                    context.Response.Headers["Vary"] = "Origin";
                }

                public void TryGetValueOnADictionary(HttpContext context)
                {
                    if (_canonical.TryGetValue(context.Request.Headers["Origin"].ToString(), out var allowed))
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = allowed|};
                        context.Response.Headers["Vary"] = "Origin";
                    }
                }

                public void ComparedWithAConstant(HttpContext context)
                {
                    if (context.Request.Headers["Origin"] == "https://app.example.com")
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|};
                    }
                }

                public void Switch(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    switch (origin)
                    {
                        case "https://a.example.com":
                        case "https://b.example.com":
                            {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                            context.Response.Headers["Vary"] = "Origin";
                            break;
                    }
                }

                public void Pattern(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    if (origin is "https://a.example.com" or "https://b.example.com")
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                        context.Response.Headers["Vary"] = "Origin";
                    }
                }

                public void Ternary(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = _origins.Contains(origin) ? origin : "https://a.example.com"|};
                    context.Response.Headers["Vary"] = "Origin";
                }

                public void SwitchExpression(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    var allowed = origin switch
                    {
                        "https://a.example.com" or "https://b.example.com" => origin,
                        _ => "https://a.example.com",
                    };
                    {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = allowed|};
                    context.Response.Headers["Vary"] = "Origin";
                }

                public void ReplacedWhenNotAllowed(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    if (!IsAllowed(origin))
                    {
                        origin = "https://a.example.com";
                    }

                    {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                    context.Response.Headers["Vary"] = "Origin";
                }

                public void LoopOverTheList(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    foreach (var candidate in _origins)
                    {
                        if (string.Equals(candidate, origin, StringComparison.OrdinalIgnoreCase))
                        {
                            {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                            context.Response.Headers["Vary"] = "Origin";
                        }
                    }
                }

                public void FlagVariable(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    var ok = _origins.Any(o => o == origin);
                    if (ok)
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                        context.Response.Headers["Vary"] = "Origin";
                    }
                }

                public void FoundInALoop(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    var found = false;
                    foreach (var candidate in _origins)
                    {
                        if (candidate == origin)
                        {
                            found = true;
                            break;
                        }
                    }

                    if (found)
                    {
                        {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                        context.Response.Headers["Vary"] = "Origin";
                    }
                }

                public void SwitchWithARejectingDefault(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    switch (origin)
                    {
                        case "https://a.example.com":
                        case "https://b.example.com":
                            break;
                        default:
                            context.Response.StatusCode = 403;
                            return;
                    }

                    {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                    context.Response.Headers["Vary"] = "Origin";
                }

                private bool IsAllowed(string origin) => Array.IndexOf(_origins, origin) >= 0;
            }
            """);
    }

    [Fact]
    public async Task Origin_written_to_other_headers_or_other_dictionaries_is_not_an_echo()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using Microsoft.AspNetCore.Http;

            public static class NotEchoes
            {
                public static void Write(HttpContext context, HttpRequestMessage outgoing, Dictionary<string, string> bag)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    context.Response.Headers["X-Seen-Origin"] = origin;
                    context.Request.Headers["Access-Control-Allow-Origin"] = origin;
                    outgoing.Headers.Add("Access-Control-Allow-Origin", origin);
                    bag["Access-Control-Allow-Origin"] = origin;
                    {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Referer"]|};
                }
            }
            """);
    }

    // ---- The fix: only echo the configured origins -----------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Fix_in_inline_middleware_reads_the_app_configuration(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.Use(async (context, next) =>
            {
                // echo the caller
                {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|}; // legacy
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                await next();
            });
            app.Run();
            """, """
            using System.Linq;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;

            var app = WebApplication.Create(args);
            app.Use(async (context, next) =>
            {
                // echo the caller
                if (app.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>()?.Contains(context.Request.Headers["Origin"].ToString()) == true)
                {
                    context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]; // legacy
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
    public async Task Fix_in_a_middleware_class_reads_the_request_services_and_fixes_all(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class EchoCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public EchoCorsMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    {|CORS202:context.Response.Headers.Append("Access-Control-Allow-Origin", origin)|};
                    context.Response.Headers.Append("Vary", "Origin");
                    await _next(context);
                }

                public Task Other(HttpResponse response, HttpRequest request)
                {
                    {|CORS202:response.Headers["Access-Control-Allow-Origin"] = request.Headers["Origin"]|};
                    return Task.CompletedTask;
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class EchoCorsMiddleware
            {
                private readonly RequestDelegate _next;

                public EchoCorsMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    var origin = context.Request.Headers["Origin"].ToString();
                    if (context.Response.HttpContext.RequestServices.GetRequiredService<IConfiguration>().GetSection("Cors:AllowedOrigins").Get<string[]>()?.Contains(origin) == true)
                    {
                        context.Response.Headers.Append("Access-Control-Allow-Origin", origin);
                    }
                    context.Response.Headers.Append("Vary", "Origin");
                    await _next(context);
                }

                public Task Other(HttpResponse response, HttpRequest request)
                {
                    if (response.HttpContext.RequestServices.GetRequiredService<IConfiguration>().GetSection("Cors:AllowedOrigins").Get<string[]>()?.Contains(request.Headers["Origin"].ToString()) == true)
                    {
                        response.Headers["Access-Control-Allow-Origin"] = request.Headers["Origin"];
                        response.Headers.Append("Vary", "Origin");
                    }
                    return Task.CompletedTask;
                }
            }
            """, Fix, version);
    }

    [Fact]
    public async Task Fix_uses_an_injected_configuration()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;

            public sealed class EchoCorsMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly IConfiguration _configuration;

                public EchoCorsMiddleware(RequestDelegate next, IConfiguration configuration)
                {
                    _next = next;
                    _configuration = configuration;
                }

                public Task InvokeAsync(HttpContext context)
                {
                    var headers = context.Response.Headers;
                    var origin = context.Request.Headers["Origin"];
                    {|CORS202:headers["Access-Control-Allow-Origin"] = origin|};
                    return _next(context);
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;

            public sealed class EchoCorsMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly IConfiguration _configuration;

                public EchoCorsMiddleware(RequestDelegate next, IConfiguration configuration)
                {
                    _next = next;
                    _configuration = configuration;
                }

                public Task InvokeAsync(HttpContext context)
                {
                    var headers = context.Response.Headers;
                    var origin = context.Request.Headers["Origin"];
                    if (_configuration.GetSection("Cors:AllowedOrigins").Get<string[]>()?.Contains(origin.ToString()) == true)
                    {
                        headers["Access-Control-Allow-Origin"] = origin;
                        headers.Append("Vary", "Origin");
                    }
                    return _next(context);
                }
            }
            """, Fix);
    }

    [Fact]
    public async Task No_fix_where_it_cannot_be_made_safely()
    {
        await new VerifyCS.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Http;

                public static class Echo
                {
                    // An expression body: no statement to wrap.
                    public static void Body(HttpContext context) =>
                        {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|};

                    // A header dictionary handed in: no configuration and no request services in reach.
                    public static void Helper(IHeaderDictionary headers, string origin, HttpRequest request)
                    {
                        {|CORS202:headers["Access-Control-Allow-Origin"] = request.Headers["Origin"]|};
                    }

                    // A value the fix does not read twice (only locals, header reads and ToString() are).
                    public static void Twice(HttpContext context)
                    {
                        {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = (string?)context.Request.Headers["Origin"] ?? "none"|};
                    }
                }
                """,
            FixedState = { MarkupHandling = MarkupMode.Allow, InheritanceMode = StateInheritanceMode.AutoInheritAll },
        }.RunAsync();
    }

    [Fact]
    public async Task No_AspNetCore_referenced_no_diagnostic()
    {
        await new VerifyCS.Test(AspNetCore.None)
        {
            TestCode = """
                using System.Collections.Generic;

                public static class Legacy
                {
                    public static void Write(Dictionary<string, string> request, Dictionary<string, string> response)
                    {
                        response["Access-Control-Allow-Origin"] = request["Origin"];
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Incomplete_code_does_not_throw()
    {
        await new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Http;

                public static class Typing
                {
                    public static void Write(HttpContext context)
                    {
                        var origin = context.Request.Headers["Origin"].ToString()
                        if (allowed.Contains(origin)
                        {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = origin|};
                        context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers[];
                        context.Response.Headers["Access-Control-Allow-Origin"] = Missing(origin);
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
    }
}
