using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Configuration;

/// <summary>What a JSON value is: ASP.NET Core keeps strings, numbers and literals as text, and an empty object or array as a null value.</summary>
internal enum JsonSettingKind
{
    String,
    Number,
    True,
    False,
    Null,
    EmptyObject,
    EmptyArray,
}

/// <summary>One leaf of an appsettings file, flattened as ASP.NET Core's JSON provider does (<c>Cors:AllowedOrigins:0</c>).</summary>
internal sealed class JsonSetting
{
    public JsonSetting(string path, string? value, JsonSettingKind kind, TextSpan span)
    {
        Path = path;
        Value = value;
        Kind = kind;
        Span = span;
    }

    /// <summary>The <c>:</c>-separated key, with the case the file writes it in (keys compare case-insensitively).</summary>
    public string Path { get; }

    /// <summary>The value configuration reads: the unescaped string, the number or literal as written; null for null and empty containers.</summary>
    public string? Value { get; }

    public JsonSettingKind Kind { get; }

    /// <summary>The value's token in the file, quotes included for a string.</summary>
    public TextSpan Span { get; }
}

/// <summary>
/// A small tolerant JSON reader that accepts what ASP.NET Core's JSON configuration provider accepts (System.Text.Json
/// with comments skipped and trailing commas allowed): <c>//</c> and <c>/* */</c> comments, trailing commas, a byte order
/// mark. It flattens the document into <c>:</c>-separated keys (array elements as <c>Key:0</c>, <c>Key:1</c>) with the
/// exact span of every value, so diagnostics can point inside the file. A document the provider would reject (syntax
/// errors, a root that is not an object, a flattened key set twice, case-insensitively, nesting deeper than 64) gives no settings at
/// all: ASP.NET Core fails at startup on such a file, and nothing in it can be trusted. No System.Text.Json: the
/// analyzer must load in Visual Studio on .NET Framework, which does not carry it.
/// </summary>
internal sealed class JsonSettingsReader
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly List<JsonSetting> _settings = new();
    private readonly List<string> _path = new();
    private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private int _position;

    private JsonSettingsReader(string text) => _text = text;

    /// <summary>The flattened leaves of <paramref name="text"/> in document order, or null when the provider would reject the document.</summary>
    public static IReadOnlyList<JsonSetting>? Read(string text)
    {
        var reader = new JsonSettingsReader(text);
        try
        {
            return reader.ReadDocument() ? reader._settings : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private bool ReadDocument()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _position = 1;
        }

        SkipTrivia();
        if (Peek() != '{')
        {
            return false; // the provider requires an object at the root (an empty file is rejected too)
        }

        ReadObject(0);
        SkipTrivia();
        return _position == _text.Length;
    }

    private void ReadValue(int depth)
    {
        SkipTrivia();
        var start = _position;
        switch (Peek())
        {
            case '{':
                ReadObject(depth);
                break;
            case '[':
                ReadArray(depth);
                break;
            case '"':
                var value = ReadString();
                Add(value, JsonSettingKind.String, start);
                break;
            case 't':
                Expect("true");
                Add("True", JsonSettingKind.True, start); // the provider stores JsonElement.ToString(): "True"
                break;
            case 'f':
                Expect("false");
                Add("False", JsonSettingKind.False, start);
                break;
            case 'n':
                Expect("null");
                Add(null, JsonSettingKind.Null, start);
                break;
            default:
                ReadNumber();
                Add(_text.Substring(start, _position - start), JsonSettingKind.Number, start);
                break;
        }
    }

    private void ReadObject(int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new FormatException();
        }

        var start = _position;
        _position++; // {
        var empty = true;
        while (true)
        {
            SkipTrivia();
            if (Peek() == '}')
            {
                _position++;
                break;
            }

            if (Peek() != '"')
            {
                throw new FormatException();
            }

            var key = ReadString();

            SkipTrivia();
            if (Peek() != ':')
            {
                throw new FormatException();
            }

            _position++;
            _path.Add(key);
            ReadValue(depth + 1);
            _path.RemoveAt(_path.Count - 1);
            empty = false;
            if (!SeparatorOrEnd('}'))
            {
                break;
            }
        }

        if (empty && _path.Count > 0)
        {
            Add(null, JsonSettingKind.EmptyObject, start);
        }
    }

    private void ReadArray(int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new FormatException();
        }

        var start = _position;
        _position++; // [
        var index = 0;
        while (true)
        {
            SkipTrivia();
            if (Peek() == ']')
            {
                _position++;
                break;
            }

            _path.Add(index.ToString(CultureInfo.InvariantCulture));
            ReadValue(depth + 1);
            _path.RemoveAt(_path.Count - 1);
            index++;
            if (!SeparatorOrEnd(']'))
            {
                break;
            }
        }

        if (index == 0)
        {
            Add(null, JsonSettingKind.EmptyArray, start);
        }
    }

    /// <summary>After a member or element: true after a comma (a trailing comma before the end is allowed), false after the closing bracket.</summary>
    private bool SeparatorOrEnd(char close)
    {
        SkipTrivia();
        var c = Peek();
        _position++;
        if (c == ',')
        {
            return true;
        }

        if (c == close)
        {
            return false;
        }

        throw new FormatException();
    }

    private void Add(string? value, JsonSettingKind kind, int start)
    {
        var path = string.Join(":", _path);
        if (!_keys.Add(path))
        {
            throw new FormatException(); // the provider: "A duplicate key 'x' was found." (flattened keys, case-insensitive)
        }

        _settings.Add(new JsonSetting(path, value, kind, TextSpan.FromBounds(start, _position)));
    }

    private string ReadString()
    {
        _position++; // "
        StringBuilder? builder = null;
        var runStart = _position;
        while (true)
        {
            var c = Peek();
            if (c == '"')
            {
                var run = _text.Substring(runStart, _position - runStart);
                _position++;
                return builder is null ? run : builder.Append(run).ToString();
            }

            if (c < ' ')
            {
                throw new FormatException(); // end of text, or an unescaped control character
            }

            if (c != '\\')
            {
                _position++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _position - runStart);
            _position++;
            var escape = Peek();
            _position++;
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new FormatException();
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new FormatException();
            }

            runStart = _position;
        }
    }

    /// <summary>A JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private void ReadNumber()
    {
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else
        {
            Digits();
        }

        if (Peek() == '.')
        {
            _position++;
            Digits();
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            Digits();
        }
    }

    private void Digits()
    {
        var start = _position;
        while (Peek() is >= '0' and <= '9')
        {
            _position++;
        }

        if (_position == start)
        {
            throw new FormatException();
        }
    }

    private void Expect(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new FormatException();
        }

        _position += literal.Length;
    }

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] is not ('\n' or '\r'))
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException();
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>The current character, or <c>'\0'</c> at the end of the text.</summary>
    private char Peek() => _position < _text.Length ? _text[_position] : '\0';
}
