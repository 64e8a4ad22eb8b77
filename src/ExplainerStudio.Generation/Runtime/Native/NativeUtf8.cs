using System.Runtime.InteropServices;

namespace ExplainerStudio.Generation.Runtime.Native;

/// <summary>A null-terminated UTF-8 copy of a string in native memory, freed on dispose.</summary>
internal readonly unsafe struct NativeUtf8 : IDisposable
{
    public NativeUtf8(string value)
    {
        Pointer = (byte*)Marshal.StringToCoTaskMemUTF8(value);
    }

    public byte* Pointer { get; }

    public void Dispose()
    {
        Marshal.FreeCoTaskMem((nint)Pointer);
    }
}
