using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Pipeline;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers;

/// <summary>
/// The pipeline family: reads each block's middleware calls, service registrations and CORS metadata into the pipeline
/// model, and runs the pipeline rules over it. The order of calls in one method is judged at the end of that block, so
/// the IDE shows it as you type; anything that needs the whole program (helpers in other files, services registered
/// elsewhere, policy names) is judged at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelineAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        CORS101AuthorizationBeforeCors.Rule,
        CORS101AuthorizationBeforeCors.CompilationEndRule,
        CORS102UseCorsAfterEndpoints.Rule,
        CORS102UseCorsAfterEndpoints.CompilationEndRule,
        CORS103UseCorsBeforeRouting.Rule,
        CORS103UseCorsBeforeRouting.CompilationEndRule,
        CORS104CachingBeforeCors.Rule,
        CORS104CachingBeforeCors.CompilationEndRule,
        CORS105CorsMetadataWithoutMiddleware.CompilationEndRule,
        CORS106CorsServicesNotRegistered.CompilationEndRule,
        CORS107UndefinedCorsPolicy.CompilationEndRule,
        CORS108CorsConfiguredButNeverApplied.CompilationEndRule,
        CORS109SeveralUseCorsCalls.Rule,
        CORS109SeveralUseCorsCalls.CompilationEndRule,
        CORS110DisableCorsOverridden.Rule,
        CORS110DisableCorsOverridden.CompilationEndRule,
        CORS111MiddlewareAnswersPreflight.Rule,
        CORS111MiddlewareAnswersPreflight.CompilationEndRule,
        CORS112MiddlewareBeforeGlobalCors.Rule,
        CORS112MiddlewareBeforeGlobalCors.CompilationEndRule,
        CORS113NoExceptionHandler.CompilationEndRule,
        CORS114HubWithIncompatiblePolicy.CompilationEndRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var gate = BlockGate.For(context.Compilation);
        var symbols = gate.Pipeline;
        if (symbols is null)
        {
            return;
        }

        var blocks = new ConcurrentQueue<BlockPipelineFacts>(); // a queue: a bag's Add looks up the thread's own list first

        // [Authorize] on a type or method says only that the app authorizes some request: noted once for the compilation.
        var authorizationNoted = 0;
        var reported = new ConcurrentDictionary<(string Id, string? File, int Start, int Length), bool>();

        // Blocks that build or change policies. Only CORS114 reads policy contents, and only when the app maps a hub:
        // the policy model is built from them at compilation end, and only then.
        var policyBlocks = new ConcurrentQueue<(ImmutableArray<IOperation> Operations, ISymbol Owner)>();

        context.RegisterCodeBlockAction(block =>
        {
            // A method's own CORS metadata and CORS service parameters, read here rather than by a symbol action on
            // methods, which would also run for the many methods the compiler declares by itself (a record's equality
            // members, a property's accessors). A method without a body still has a code block when it has attributes.
            // Its parameters were read with the block's verdict; its attributes are read only when it can have some.
            var found = gate.Judge(block);
            if (block.OwningSymbol is IMethodSymbol { PartialImplementationPart: null } method) // a partial method once, with its body
            {
                var own = PipelineCollector.CollectMethod(method, CodeBlocks.MayHaveAttributes(block.CodeBlock), (found & BlockGate.ReceivesCorsService) != 0, symbols, out var authorizes);
                AddFacts(own, authorizes);
            }

            var holdsPolicy = (found & SourceIndex.HoldsPolicy) != 0;
            var shapesPipeline = (found & SourceIndex.ShapesPipeline) != 0;
            if (!holdsPolicy && !shapesPipeline)
            {
                return;
            }

            var operations = CodeBlocks.Operations(block);
            if (holdsPolicy)
            {
                policyBlocks.Enqueue((operations, block.OwningSymbol));
            }

            if (!shapesPipeline)
            {
                return;
            }

            var facts = PipelineCollector.Collect(operations, block.OwningSymbol, symbols, block.CancellationToken);
            blocks.Enqueue(facts);
            CheckBlock(facts, reported, block);
        });

        // Types as the compiler declares them (methods are read with their code blocks, above).
        context.RegisterSymbolAction(symbol => AddFacts(PipelineCollector.CollectType((INamedTypeSymbol)symbol.Symbol, symbols, out var authorizes), authorizes), SymbolKind.NamedType);

        void AddFacts(BlockPipelineFacts? facts, bool authorizes)
        {
            if (facts is not null)
            {
                blocks.Enqueue(facts);
            }

            if (authorizes && System.Threading.Interlocked.Exchange(ref authorizationNoted, 1) == 0)
            {
                blocks.Enqueue(new BlockPipelineFacts { Authorizes = true });
            }
        }

        context.RegisterCompilationEndAction(end =>
        {
            var program = new PipelineProgram(symbols, blocks);
            if (program.Hubs.Count > 0)
            {
                foreach (var (operations, owner) in policyBlocks)
                {
                    program.AddPolicies(Policies.PolicyCollector.Collect(operations, owner, symbols.Cors, end.CancellationToken));
                }
            }

            Action<Diagnostic> report = d => Report(d, reported, end.ReportDiagnostic);
            foreach (var view in program.Views)
            {
                end.CancellationToken.ThrowIfCancellationRequested();
                if (view.Root.HasHelpers)
                {
                    CheckOrder(view, compilationEnd: true, report);
                }

                CORS101AuthorizationBeforeCors.CheckImplicit(program, view, CORS101AuthorizationBeforeCors.CompilationEndRule, report);
                CORS112MiddlewareBeforeGlobalCors.CheckDefault(program, view, report);
            }

            CORS105CorsMetadataWithoutMiddleware.Check(program, report);
            CORS110DisableCorsOverridden.Check(program, report);
            CORS106CorsServicesNotRegistered.Check(program, report);
            CORS107UndefinedCorsPolicy.Check(program, report);
            CORS108CorsConfiguredButNeverApplied.Check(program, ReferencesCorsLibraries(end.Compilation), report);
            CORS114HubWithIncompatiblePolicy.Check(program, report);
            CORS113NoExceptionHandler.Check(program, end.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IProblemDetailsService") is not null, report);
        });
    }

    /// <summary>
    /// Names one of which appears in every block that adds to a pipeline, registers services, maps endpoints, names
    /// policies or carries CORS and authorization metadata on a lambda: <c>Use*</c> and <c>Map*</c> calls, the service
    /// registrations the rules read, the app's creation (<c>WebApplication.Create</c>, <c>CreateBuilder</c>, or a builder
    /// parameter, which <see cref="BlockGate.Judge"/> checks), the places services and apps are
    /// reached through (<c>Services</c>, <c>Configure</c>, <c>Host</c>) and the CORS and authorization type names.
    /// </summary>
    internal static readonly HashSet<string> PipelineNames = new(StringComparer.Ordinal)
    {
        "Run", "RunAsync", "Start", "StartAsync",
        "AddCors", "RequireCors", "EnableCors", "EnableCorsAttribute", "DisableCors", "DisableCorsAttribute", "ICorsService", "ICorsPolicyProvider",
        "AddPolicy", "AddDefaultPolicy", "FallbackPolicy", "DefaultPolicyName",
        "AddControllers", "AddControllersWithViews", "AddMvc", "AddMvcCore",
        "AddAuthentication", "AddAuthenticationCore", "AddAuthorization", "AddAuthorizationBuilder", "AddAuthorizationCore",
        "RequireAuthorization", "Authorize", "AuthorizeAttribute",
        "CreateBuilder", "CreateSlimBuilder", "CreateEmptyBuilder", "CreateDefaultBuilder", "CreateApplicationBuilder",
        "Services", "ConfigureServices", "Configure", "ConfigureWebHost", "ConfigureWebHostDefaults",
        "IApplicationBuilder", "WebApplication", "WebApplicationBuilder", "Host", "WebHost",
    };

    /// <summary><see cref="PipelineNames"/> and every <c>Use*</c> and <c>Map*</c> name.</summary>
    internal static readonly SourceNames Names = new(
        SourceNames.Meaning(PipelineNames, SourceIndex.ShapesPipeline),
        [("Use", SourceIndex.ShapesPipeline), ("Map", SourceIndex.ShapesPipeline)]);

    /// <summary>
    /// What one block's facts show by themselves. (A method of its own: a lambda above that captured the block would
    /// cost every block, most of which return long before, an allocation.)
    /// </summary>
    private static void CheckBlock(BlockPipelineFacts facts, ConcurrentDictionary<(string, string?, int, int), bool> reported, CodeBlockAnalysisContext block)
    {
        var reportBlock = CodeBlocks.Reporter(block);
        Action<Diagnostic> report = d => Report(d, reported, reportBlock);

        CORS110DisableCorsOverridden.CheckBlock(facts, report);
        foreach (var entry in facts.Entries)
        {
            if (entry.HasHelpers)
            {
                continue; // judged at compilation end, once the helpers are known
            }

            foreach (var view in PipelineView.Of(entry, _ => null))
            {
                CheckOrder(view, compilationEnd: false, report);
            }
        }
    }

    private static void CheckOrder(PipelineView view, bool compilationEnd, Action<Diagnostic> report)
    {
        CORS101AuthorizationBeforeCors.CheckOrder(view, compilationEnd ? CORS101AuthorizationBeforeCors.CompilationEndRule : CORS101AuthorizationBeforeCors.Rule, report);
        CORS102UseCorsAfterEndpoints.CheckOrder(view, compilationEnd ? CORS102UseCorsAfterEndpoints.CompilationEndRule : CORS102UseCorsAfterEndpoints.Rule, report);
        CORS103UseCorsBeforeRouting.CheckOrder(view, compilationEnd ? CORS103UseCorsBeforeRouting.CompilationEndRule : CORS103UseCorsBeforeRouting.Rule, report);
        CORS104CachingBeforeCors.CheckOrder(view, compilationEnd ? CORS104CachingBeforeCors.CompilationEndRule : CORS104CachingBeforeCors.Rule, report);
        CORS109SeveralUseCorsCalls.CheckOrder(view, compilationEnd ? CORS109SeveralUseCorsCalls.CompilationEndRule : CORS109SeveralUseCorsCalls.Rule, report);
        CORS111MiddlewareAnswersPreflight.CheckOrder(view, compilationEnd ? CORS111MiddlewareAnswersPreflight.CompilationEndRule : CORS111MiddlewareAnswersPreflight.Rule, report);
        CORS112MiddlewareBeforeGlobalCors.CheckOrder(view, compilationEnd ? CORS112MiddlewareBeforeGlobalCors.CompilationEndRule : CORS112MiddlewareBeforeGlobalCors.Rule, report);
    }

    /// <summary>Reports a diagnostic once per rule and location, whichever pipeline view (or phase) finds it first.</summary>
    private static void Report(Diagnostic diagnostic, ConcurrentDictionary<(string, string?, int, int), bool> reported, Action<Diagnostic> report)
    {
        var location = diagnostic.Location;
        if (reported.TryAdd((diagnostic.Id, location.SourceTree?.FilePath, location.SourceSpan.Start, location.SourceSpan.Length), true))
        {
            report(diagnostic);
        }
    }

    /// <summary>A referenced library (not ASP.NET Core itself) that uses CORS may hold controllers with [EnableCors] the app maps.</summary>
    private static bool ReferencesCorsLibraries(Compilation compilation)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (PipelineSymbols.IsFramework(assembly))
            {
                continue;
            }

            foreach (var module in assembly.Modules)
            {
                if (module.ReferencedAssemblies.Any(a => a.Name is "Microsoft.AspNetCore.Cors" or "Microsoft.AspNetCore.App"))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
