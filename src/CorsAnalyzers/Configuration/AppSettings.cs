using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Configuration;

/// <summary>One <c>appsettings.json</c> or <c>appsettings.{Environment}.json</c> passed to the analyzers as an additional file.</summary>
internal sealed class SettingsFile
{
    private readonly Dictionary<string, JsonSetting> _byKey;
    private readonly HashSet<string> _sections;

    public SettingsFile(string path, string? environment, SourceText text, IReadOnlyList<JsonSetting>? settings)
    {
        Path = path;
        Environment = environment;
        Text = text;
        IsValid = settings is not null;
        Settings = settings ?? Array.Empty<JsonSetting>();
        _byKey = new Dictionary<string, JsonSetting>(StringComparer.OrdinalIgnoreCase);
        _sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in Settings)
        {
            _byKey[setting.Path] = setting;
            for (var colon = setting.Path.IndexOf(':'); colon >= 0; colon = setting.Path.IndexOf(':', colon + 1))
            {
                _sections.Add(setting.Path.Substring(0, colon));
            }
        }
    }

    public string Path { get; }

    /// <summary>The environment of <c>appsettings.{Environment}.json</c>; null for <c>appsettings.json</c>, which every environment reads.</summary>
    public string? Environment { get; }

    public SourceText Text { get; }

    /// <summary>False when ASP.NET Core would reject the file (not JSON as it reads it): then it has no settings.</summary>
    public bool IsValid { get; }

    public IReadOnlyList<JsonSetting> Settings { get; }

    /// <summary>The file's name as diagnostics quote it.</summary>
    public string Name => AppSettings.FileName(Path);

    /// <summary>The leaf at <paramref name="key"/> (case-insensitive), if the file has one.</summary>
    public JsonSetting? Get(string key) => _byKey.TryGetValue(key, out var setting) ? setting : null;

    /// <summary>The file gives <paramref name="key"/> a value, or a section under it (<c>Cors:Origins:0</c> defines <c>Cors:Origins</c>).</summary>
    public bool Defines(string key) => _byKey.ContainsKey(key) || _sections.Contains(key);

    /// <summary>The leaves directly under <paramref name="key"/> (<c>key:0</c>, <c>key:1</c>, ...), what <c>Get&lt;string[]&gt;()</c> binds.</summary>
    public IEnumerable<JsonSetting> Children(string key)
    {
        foreach (var setting in Settings)
        {
            if (setting.Path.Length > key.Length + 1
                && setting.Path[key.Length] == ':'
                && setting.Path.StartsWith(key, StringComparison.OrdinalIgnoreCase)
                && setting.Path.IndexOf(':', key.Length + 1) < 0)
            {
                yield return setting;
            }
        }
    }

    /// <summary>Where a diagnostic about <paramref name="setting"/> goes: its value, inside this file.</summary>
    public Location LocationOf(JsonSetting setting) => Location.Create(Path, setting.Span, Text.Lines.GetLinePositionSpan(setting.Span));
}

/// <summary>
/// The project's appsettings files (read from <see cref="AnalyzerOptions.AdditionalFiles"/>; the package's props adds
/// them), and what each environment reads: <c>appsettings.json</c> overlaid by <c>appsettings.{Environment}.json</c>.
/// Environments are Production (ASP.NET Core's default when none is set) and those that have a file.
/// </summary>
internal sealed class AppSettings
{
    public const string Production = "Production";
    public const string Development = "Development";

    private AppSettings(ImmutableArray<SettingsFile> files)
    {
        Files = files;
        var environments = new List<string> { Production };
        foreach (var file in files)
        {
            if (file.Environment is { } environment && !environments.Contains(environment, StringComparer.OrdinalIgnoreCase))
            {
                environments.Add(environment);
            }
        }

        Environments = environments;
    }

    public ImmutableArray<SettingsFile> Files { get; }

    /// <summary>Production first, then every environment with a file of its own, in file order.</summary>
    public IReadOnlyList<string> Environments { get; }

    /// <summary>Whether the project passes its <c>appsettings.json</c>.</summary>
    public bool HasBaseFile
    {
        get
        {
            foreach (var file in Files)
            {
                if (file.Environment is null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The files <paramref name="environment"/> reads, in the order ASP.NET Core adds them (base first).</summary>
    public IEnumerable<SettingsFile> FilesOf(string environment)
    {
        foreach (var file in Files)
        {
            if (file.Environment is null)
            {
                yield return file;
            }
        }

        foreach (var file in Files)
        {
            if (file.Environment is { } own && string.Equals(own, environment, StringComparison.OrdinalIgnoreCase))
            {
                yield return file;
            }
        }
    }

    /// <summary>Whether the environment has a file of its own (<c>appsettings.{environment}.json</c>).</summary>
    public bool HasFileFor(string environment)
    {
        foreach (var file in Files)
        {
            if (file.Environment is { } own && string.Equals(own, environment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What <c>Get&lt;string[]&gt;()</c> of <paramref name="key"/> binds in <paramref name="environment"/>: the files' leaves
    /// under the key merged index by index (a later file replaces <c>key:0</c> but keeps the base's <c>key:1</c>), each
    /// with the file that supplies it; null when a file of the environment is not valid JSON.
    /// </summary>
    public IReadOnlyList<(SettingsFile File, JsonSetting Setting)>? ListIn(string key, string environment)
    {
        var merged = new List<(string Index, SettingsFile File, JsonSetting Setting)>();
        foreach (var file in FilesOf(environment))
        {
            if (!file.IsValid)
            {
                return null;
            }

            foreach (var child in file.Children(key))
            {
                var index = child.Path.Substring(key.Length + 1);
                var at = merged.FindIndex(m => string.Equals(m.Index, index, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    merged[at] = (index, file, child);
                }
                else
                {
                    merged.Add((index, file, child));
                }
            }
        }

        merged.Sort((a, b) => CompareKeys(a.Index, b.Index));
        var result = new List<(SettingsFile, JsonSetting)>(merged.Count);
        foreach (var (_, file, setting) in merged)
        {
            result.Add((file, setting));
        }

        return result;
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="environment"/> (the last file that sets it); null when unset or unknown.</summary>
    public (SettingsFile File, JsonSetting Setting)? ValueIn(string key, string environment)
    {
        (SettingsFile, JsonSetting)? result = null;
        foreach (var file in FilesOf(environment))
        {
            if (!file.IsValid)
            {
                return null;
            }

            if (file.Get(key) is { } setting)
            {
                result = (file, setting);
            }
        }

        return result;
    }

    /// <summary>How configuration orders the children of a section: numbers numerically, before other keys.</summary>
    private static int CompareKeys(string a, string b)
    {
        var aNumber = int.TryParse(a, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var x);
        var bNumber = int.TryParse(b, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y);
        return aNumber && bNumber ? x.CompareTo(y) : aNumber ? -1 : bNumber ? 1 : string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The appsettings files among <paramref name="files"/>, parsed; null when there are none. A file seen twice (the
    /// package's props and the project both adding it) counts once.
    /// </summary>
    public static AppSettings? Load(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        ImmutableArray<SettingsFile>.Builder? builder = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (!IsAppSettings(file.Path, out var environment) || !seen.Add(file.Path))
            {
                continue;
            }

            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                continue;
            }

            builder ??= ImmutableArray.CreateBuilder<SettingsFile>();
            builder.Add(new SettingsFile(file.Path, environment, text, JsonSettingsReader.Read(text.ToString())));
        }

        return builder is null ? null : new AppSettings(builder.ToImmutable());
    }

    /// <summary>Whether any of <paramref name="files"/> is an appsettings file: a cheap check by name only.</summary>
    public static bool Any(ImmutableArray<AdditionalText> files)
    {
        foreach (var file in files)
        {
            if (IsAppSettings(file.Path, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>appsettings.json</c> (environment null) or <c>appsettings.{Environment}.json</c>, case-insensitive.</summary>
    public static bool IsAppSettings(string path, out string? environment)
    {
        environment = null;
        var name = FileName(path);
        const string Prefix = "appsettings.";
        const string Suffix = ".json";
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (name.Length == Prefix.Length + Suffix.Length - 1)
        {
            return true; // appsettings.json
        }

        if (name.Length <= Prefix.Length + Suffix.Length)
        {
            return false;
        }

        environment = name.Substring(Prefix.Length, name.Length - Prefix.Length - Suffix.Length);
        return true;
    }

    /// <summary>The file name of a path, without <see cref="System.IO.Path"/> (which throws on some characters on .NET Framework).</summary>
    public static string FileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}

/// <summary>
/// The compilation's <see cref="AppSettings"/>, read and parsed at most once, and only when a policy reads its
/// origins from configuration. One instance per compilation (created at compilation start), shared by the policy rules.
/// </summary>
internal sealed class AppSettingsSource
{
    private readonly ImmutableArray<AdditionalText> _files;
    private readonly object _gate = new();
    private AppSettings? _settings;
    private volatile bool _loaded;

    private AppSettingsSource(ImmutableArray<AdditionalText> files) => _files = files;

    /// <summary>A source over the compilation's additional files; null when none of them is an appsettings file.</summary>
    public static AppSettingsSource? Create(AnalyzerOptions options) =>
        AppSettings.Any(options.AdditionalFiles) ? new AppSettingsSource(options.AdditionalFiles) : null;

    public AppSettings? Get(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            lock (_gate)
            {
                if (!_loaded)
                {
                    _settings = AppSettings.Load(_files, cancellationToken);
                    _loaded = true;
                }
            }
        }

        return _settings;
    }
}
