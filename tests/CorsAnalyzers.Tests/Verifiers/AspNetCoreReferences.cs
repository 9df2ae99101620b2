using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>The ASP.NET Core major versions every core case runs on.</summary>
public enum AspNetCore
{
    /// <summary>No ASP.NET Core reference at all: a plain .NET 10 class library.</summary>
    None,
    V6,
    V8,
    V9,
    V10,
}

/// <summary>
/// Real reference assemblies of ASP.NET Core and .NET, read from the NuGet package folder where the test project's
/// restore put them (PackageDownload of Microsoft.AspNetCore.App.Ref / Microsoft.NETCore.App.Ref). The testing
/// library's own download is not used: it is unreliable on a cold cache here.
/// </summary>
public static class AspNetCoreReferences
{
    private static readonly ConcurrentDictionary<AspNetCore, ImmutableArray<MetadataReference>> Cache = new();

    /// <summary>Resolves nothing by itself: the references come from <see cref="Get"/>.</summary>
    public static ReferenceAssemblies NoPackages { get; } = new("net10.0");

    public static IEnumerable<object[]> AllVersions => new[] { AspNetCore.V6, AspNetCore.V8, AspNetCore.V9, AspNetCore.V10 }.Select(v => new object[] { v });

    public static ImmutableArray<MetadataReference> Get(AspNetCore version) => Cache.GetOrAdd(version, Load);

    private static ImmutableArray<MetadataReference> Load(AspNetCore version)
    {
        var (runtime, framework) = version switch
        {
            AspNetCore.V6 => ("6.0.36", "net6.0"),
            AspNetCore.V8 => ("8.0.0", "net8.0"),
            AspNetCore.V9 => ("9.0.16", "net9.0"),
            _ => ("10.0.10", "net10.0"),
        };

        var root = PackageRoot();
        var folders = new List<string> { Path.Combine(root, "microsoft.netcore.app.ref", runtime, "ref", framework) };
        if (version != AspNetCore.None)
        {
            folders.Add(Path.Combine(root, "microsoft.aspnetcore.app.ref", runtime, "ref", framework));
        }

        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException($"Reference assemblies missing at {folder}: run 'dotnet restore' on the test project.");
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return references.ToImmutable();
    }

    private static string PackageRoot()
    {
        var fromBuild = typeof(AspNetCoreReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        if (!string.IsNullOrEmpty(fromBuild) && Directory.Exists(fromBuild))
        {
            return fromBuild;
        }

        return Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }
}
