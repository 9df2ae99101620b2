using System;
using System.Collections.Generic;

namespace CorsAnalyzers.Policies;

/// <summary>How a policy compares its origins with the request's <c>Origin</c> header.</summary>
internal enum OriginMatching
{
    /// <summary>
    /// <c>WithOrigins</c> and <c>new CorsPolicyBuilder(origins)</c>: the value is lower-cased; an http(s) origin with an
    /// IDN or IPv6 host is parsed and reduced to <c>scheme://host[:port]</c> (punycode, default port and path dropped).
    /// </summary>
    Normalized,

    /// <summary>A hand-built <c>CorsPolicy.Origins</c>: compared exactly as written (ordinal).</summary>
    Exact,
}

internal enum OriginKind
{
    /// <summary>Matches the origin a browser sends for some page.</summary>
    Origin,

    /// <summary><c>"*"</c>: any origin, when it is the only entry.</summary>
    Wildcard,

    /// <summary><c>"null"</c>: the opaque origin of sandboxed iframes, file:// pages and redirected requests.</summary>
    Null,

    /// <summary><c>https://*.example.com</c>: a wildcard subdomain pattern, matched only with SetIsOriginAllowedToAllowWildcardSubdomains().</summary>
    WildcardSubdomain,

    /// <summary>No browser ever sends this value.</summary>
    NeverMatches,
}

/// <summary>What is wrong with an origin that never matches (several can apply).</summary>
[Flags]
internal enum OriginProblems
{
    None = 0,
    TrailingSlash = 1 << 0,
    Path = 1 << 1,
    Query = 1 << 2,
    Fragment = 1 << 3,
    DefaultPort = 1 << 4,
    EmptyPort = 1 << 5,
    PortFormat = 1 << 6,
    UserInfo = 1 << 7,
    Whitespace = 1 << 8,
    List = 1 << 9,
    MissingScheme = 1 << 10,
    UpperCase = 1 << 11,
    NonAsciiHost = 1 << 12,
    FileScheme = 1 << 13,
    Empty = 1 << 14,
    Malformed = 1 << 15,
}

/// <summary>
/// Classifies an origin constant the way ASP.NET Core stores it and a browser sends it. A browser's <c>Origin</c>
/// header is <c>scheme://host[:port]</c>: lower-case scheme and host (punycode for IDN hosts), no default port
/// (:443 on https, :80 on http), no user info, path, query, fragment or whitespace, or <c>null</c> for opaque
/// origins. <c>WithOrigins</c> only lower-cases the value (except for http(s) origins with an IDN or IPv6 host, which
/// it parses and reduces to <c>scheme://host[:port]</c>), and the comparison is ordinal, so any other difference means
/// the entry never matches.
/// </summary>
internal sealed class OriginText
{
    private static readonly char[] ListSeparators = { ',', ';' };

    private OriginText(string text, OriginKind kind)
    {
        Text = text;
        Kind = kind;
    }

    /// <summary>The value as written.</summary>
    public string Text { get; }

    public OriginKind Kind { get; private set; }

    public OriginProblems Problems { get; private set; }

    /// <summary>The scheme as written (null when there is none).</summary>
    public string? Scheme { get; private set; }

    /// <summary>The host as written, with brackets for IPv6 (null when the value has none).</summary>
    public string? Host { get; private set; }

    /// <summary>The port number, when the value gives a valid one.</summary>
    public int? Port { get; private set; }

    /// <summary>
    /// The replacement for a value that never matches: <c>scheme://host[:port]</c> of the page it names, keeping the
    /// value's letter case where the policy lower-cases anyway. Null when there is no certain rewrite (no scheme, a
    /// list of several origins, a malformed value, or one whose rewrite would be <c>"*"</c> or <c>"null"</c>).
    /// </summary>
    public string? Corrected { get; private set; }

    /// <summary>For a list (<c>"https://a.com,https://b.com"</c>): its entries, each trimmed and corrected where it can be.</summary>
    public IReadOnlyList<string> Parts { get; private set; } = Array.Empty<string>();

    /// <summary>For a value without a scheme: the origin it most likely means (https, or http for a loopback host), for messages only.</summary>
    public string? Suggested { get; private set; }

    /// <summary>A loopback host: <c>localhost</c> (or <c>*.localhost</c>), <c>127.x.x.x</c>, <c>[::1]</c>.</summary>
    public bool IsLoopback { get; private set; }

    /// <summary>An http or https scheme.</summary>
    public bool IsHttp => Scheme is { } scheme && (Is(scheme, "http") || Is(scheme, "https"));

    public static OriginText Parse(string text, OriginMatching matching)
    {
        var trimmed = text.Trim();
        var problems = trimmed.Length != text.Length ? OriginProblems.Whitespace : OriginProblems.None;
        var effective = matching == OriginMatching.Normalized ? text.ToLowerInvariant() : text;

        if (trimmed.Length == 0)
        {
            return new OriginText(text, OriginKind.NeverMatches) { Problems = problems | OriginProblems.Empty };
        }

        if (effective == "*")
        {
            return new OriginText(text, OriginKind.Wildcard);
        }

        if (effective == "null")
        {
            return new OriginText(text, OriginKind.Null);
        }

        if (Is(trimmed, "*") || Is(trimmed, "null"))
        {
            // " *" or "NULL" in a hand-built policy: never matches, and rewriting it would open the policy up.
            return new OriginText(text, OriginKind.NeverMatches)
            {
                Problems = problems | (trimmed == trimmed.ToLowerInvariant() ? OriginProblems.None : OriginProblems.UpperCase),
            };
        }

        if (trimmed.IndexOfAny(ListSeparators) >= 0 || HasWhitespace(trimmed))
        {
            return ParseList(text, trimmed, matching, problems);
        }

        var result = new OriginText(text, OriginKind.NeverMatches);
        result.ParseSingle(trimmed, effective, matching, problems);
        return result;
    }

    private static OriginText ParseList(string text, string trimmed, OriginMatching matching, OriginProblems problems)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= trimmed.Length; i++)
        {
            if (i == trimmed.Length || trimmed[i] == ',' || trimmed[i] == ';' || char.IsWhiteSpace(trimmed[i]))
            {
                if (i > start)
                {
                    var item = trimmed.Substring(start, i - start);
                    var parsed = Parse(item, matching);
                    parts.Add(parsed.Kind == OriginKind.NeverMatches && parsed.Corrected is { } corrected ? corrected : item);
                }

                start = i + 1;
            }
        }

        var result = new OriginText(text, OriginKind.NeverMatches)
        {
            Problems = problems | OriginProblems.List,
            Parts = parts,
        };

        if (parts.Count == 1)
        {
            var only = Parse(parts[0], matching);
            result.Corrected = only.Kind is OriginKind.Origin or OriginKind.WildcardSubdomain ? parts[0] : null;
            result.CopyHost(only);
        }
        else if (parts.Count == 0)
        {
            result.Problems |= OriginProblems.Malformed;
        }

        return result;
    }

    private void CopyHost(OriginText other)
    {
        Scheme = other.Scheme;
        Host = other.Host;
        Port = other.Port;
        IsLoopback = other.IsLoopback;
    }

    private void ParseSingle(string trimmed, string effective, OriginMatching matching, OriginProblems problems)
    {
        var separator = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            // "app.example.com", "localhost:3000", "//app.example.com": the host is there, the scheme is not.
            var withoutSlashes = trimmed.StartsWith("//", StringComparison.Ordinal) ? trimmed.Substring(2) : trimmed;
            Problems = problems | OriginProblems.MissingScheme;
            if (withoutSlashes.IndexOf(':') is var colon && colon >= 0 && !withoutSlashes.StartsWith("[", StringComparison.Ordinal)
                && !IsDigits(withoutSlashes.Substring(colon + 1, EndOfAuthority(withoutSlashes) - colon - 1)))
            {
                Problems |= OriginProblems.Malformed; // "https:/x.com", "mailto:x": not a host at all
                return;
            }

            if (ParseAuthority(withoutSlashes.Substring(0, EndOfAuthority(withoutSlashes)), null) is { } hostOnly && !hostOnly.HasWildcard)
            {
                Suggested = (IsLoopback ? "http://" : "https://") + Host!.ToLowerInvariant() + (Port is { } p ? ":" + p : string.Empty);
            }
            else
            {
                Problems |= OriginProblems.Malformed;
            }

            return;
        }

        var scheme = trimmed.Substring(0, separator);
        if (!IsScheme(scheme))
        {
            Problems = problems | OriginProblems.Malformed;
            return;
        }

        Scheme = scheme;
        var rest = trimmed.Substring(separator + 3);
        var authorityEnd = EndOfAuthority(rest);
        var tail = rest.Substring(authorityEnd);
        if (tail.Length > 0)
        {
            var pathEnd = tail.IndexOfAny(new[] { '?', '#' });
            var path = pathEnd < 0 ? tail : tail.Substring(0, pathEnd);
            if (path == "/")
            {
                problems |= OriginProblems.TrailingSlash;
            }
            else if (path.Length > 0)
            {
                problems |= OriginProblems.Path;
            }

            var query = tail.IndexOf('?');
            var fragment = tail.IndexOf('#');
            if (query >= 0 && (fragment < 0 || query < fragment))
            {
                problems |= OriginProblems.Query;
            }

            if (fragment >= 0)
            {
                problems |= OriginProblems.Fragment;
            }
        }

        var authority = rest.Substring(0, authorityEnd);
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            problems |= OriginProblems.UserInfo;
            authority = authority.Substring(at + 1);
        }

        Problems = problems;
        if (Is(scheme, "file"))
        {
            Problems |= OriginProblems.FileScheme; // file:// pages send "Origin: null"
            return;
        }

        if (ParseAuthority(authority, scheme) is not { } parsed)
        {
            Problems |= OriginProblems.Malformed;
            return;
        }

        if (parsed.HasWildcard)
        {
            Kind = OriginKind.WildcardSubdomain; // CORS005's concern: matched by Uri parsing when the option is set
            Problems = OriginProblems.None;
            return;
        }

        var host = Host!;
        var ipv6 = host.StartsWith("[", StringComparison.Ordinal);
        var idn = !IsAscii(host);
        if (matching == OriginMatching.Normalized && IsHttp && (idn || ipv6))
        {
            // WithOrigins parses these with Uri and keeps only scheme://host[:port] (CorsPolicyBuilder.GetNormalizedOrigin).
            Kind = OriginKind.Origin;
            Problems = OriginProblems.None;
            return;
        }

        var browserHost = idn ? Punycode(host) : host.ToLowerInvariant();
        if (browserHost is null)
        {
            Problems |= OriginProblems.Malformed;
            return;
        }

        var portSuffix = Port is { } port && !IsDefaultPort(scheme, port) ? ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        var browser = scheme.ToLowerInvariant() + "://" + browserHost + portSuffix;
        if (effective == browser)
        {
            Kind = OriginKind.Origin;
            Problems = OriginProblems.None;
            return;
        }

        if (matching == OriginMatching.Exact)
        {
            if (idn)
            {
                Problems |= OriginProblems.NonAsciiHost;
            }

            if (scheme != scheme.ToLowerInvariant() || (!idn && host != host.ToLowerInvariant()))
            {
                Problems |= OriginProblems.UpperCase;
            }
        }

        Corrected = matching == OriginMatching.Normalized && !idn ? scheme + "://" + host + portSuffix : browser;
    }

    private readonly struct Authority
    {
        public Authority(bool hasWildcard) => HasWildcard = hasWildcard;

        public bool HasWildcard { get; }
    }

    /// <summary>Reads <c>host[:port]</c>; sets Host, Port, IsLoopback and port problems. Null when it is no host.</summary>
    private Authority? ParseAuthority(string authority, string? scheme)
    {
        string host;
        string? portText = null;
        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return null;
            }

            host = authority.Substring(0, close + 1);
            var after = authority.Substring(close + 1);
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return null;
                }

                portText = after.Substring(1);
            }

            for (var i = 1; i < host.Length - 1; i++)
            {
                var c = host[i];
                if (!(IsHexDigit(c) || c == ':' || c == '.'))
                {
                    return null;
                }
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority.Substring(0, colon);
            portText = colon < 0 ? null : authority.Substring(colon + 1);
            foreach (var c in host)
            {
                if (!(c > 127 || char.IsLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '*'))
                {
                    return null;
                }
            }
        }

        if (host.Length == 0 || host == "[]")
        {
            return null;
        }

        if (portText is not null)
        {
            if (portText.Length == 0)
            {
                Problems |= OriginProblems.EmptyPort;
            }
            else if (!IsDigits(portText) || portText.Length > 5 || int.Parse(portText, System.Globalization.CultureInfo.InvariantCulture) is var port && port > 65535)
            {
                return null;
            }
            else
            {
                Port = port;
                if (portText != port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    Problems |= OriginProblems.PortFormat;
                }
                else if (scheme is not null && IsDefaultPort(scheme, port))
                {
                    Problems |= OriginProblems.DefaultPort;
                }
            }
        }

        Host = host;
        IsLoopback = IsLoopbackHost(host.ToLowerInvariant());
        return new Authority(host.IndexOf('*') >= 0);
    }

    private static bool IsLoopbackHost(string host)
    {
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || host == "[::1]" || host == "[0:0:0:0:0:0:0:1]")
        {
            return true;
        }

        if (!host.StartsWith("127.", StringComparison.Ordinal))
        {
            return false; // most hosts: no split
        }

        var octets = host.Split('.');
        if (octets.Length != 4)
        {
            return false;
        }

        foreach (var octet in octets)
        {
            if (octet.Length == 0 || octet.Length > 3 || !IsDigits(octet) || int.Parse(octet, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static int EndOfAuthority(string rest)
    {
        var end = rest.IndexOfAny(new[] { '/', '?', '#' });
        return end < 0 ? rest.Length : end;
    }

    private static bool IsDefaultPort(string scheme, int port) =>
        (Is(scheme, "https") && port == 443) || (Is(scheme, "http") && port == 80);

    private static bool IsScheme(string scheme)
    {
        if (scheme.Length == 0 || !IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Punycode(string host)
    {
        try
        {
            return new Uri("http://" + host + "/").IdnHost.ToLowerInvariant();
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static bool HasWhitespace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > 127)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static bool Is(string text, string value) => string.Equals(text, value, StringComparison.OrdinalIgnoreCase);
}
