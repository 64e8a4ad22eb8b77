namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>
/// One dimension of a graph input or output: a fixed size, a symbolic name such as <c>"batch"</c> (sessions
/// then accept any size there), or unknown when both are absent.
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null for a symbolic or unknown dimension.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or null for a fixed or unknown dimension.</summary>
    public string? Symbol { get; }

    /// <summary>A dimension with neither a size nor a name.</summary>
    public static OnnxDim Unknown => default;

    /// <summary>A dimension of fixed size.</summary>
    public static OnnxDim Fixed(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new OnnxDim(value, null);
    }

    /// <summary>A dimension whose size is chosen when the model runs, named so that equal names agree.</summary>
    public static OnnxDim Symbolic(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new OnnxDim(null, symbol);
    }

    /// <summary>A fixed dimension.</summary>
    public static implicit operator OnnxDim(long value) => Fixed(value);

    /// <summary>A symbolic dimension.</summary>
    public static implicit operator OnnxDim(string symbol) => Symbolic(symbol);

    /// <inheritdoc />
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
