using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace CorsAnalyzers;

/// <summary>
/// Keys compared by reference, for caches keyed by a type's definition (<c>OriginalDefinition</c>): a compilation has
/// one object for each definition, where a type met in code may be one of many objects (a parameter's
/// <c>Customer</c> and another's <c>Customer?</c>). Comparing symbols with <c>SymbolEqualityComparer</c> hashes
/// and walks them; a reference is one compare. Two objects for one definition would only cost a second look-up.
/// </summary>
internal sealed class ByReference<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ByReference<T> Instance = new();

    private ByReference()
    {
    }

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
